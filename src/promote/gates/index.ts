import type { GateOutcome } from '../types.js';
import { approvalsGate } from './approvals.js';
import { auditGate } from './audit.js';
import { benchGate } from './bench.js';
import { cleanTreeGate } from './clean-tree.js';
import { dataPushedGate } from './data-pushed.js';
import { freezeGate } from './freeze.js';
import type { Gate, GateContext } from './gate.js';
import { precedingGate } from './preceding.js';

export type { Gate, GateContext } from './gate.js';
export { isAuthor } from './gate.js';

/** Gates a promotion passes, in the order they are reported. */
export const promotionGates: Gate[] = [
  cleanTreeGate,
  auditGate,
  benchGate,
  dataPushedGate,
  precedingGate,
  approvalsGate,
  freezeGate,
];

/** A rollback returns to a bundle that passed its gates once; only the freeze applies. */
export const rollbackGates: Gate[] = [freezeGate];

export async function evaluateGates(gates: Gate[], context: GateContext): Promise<GateOutcome[]> {
  const outcomes: GateOutcome[] = [];
  for (const gate of gates) outcomes.push(await gate.evaluate(context));
  return outcomes;
}
