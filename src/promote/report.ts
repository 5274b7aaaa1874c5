import { paint } from '../core/style.js';
import { table } from '../core/table.js';
import { shortDigest } from './digest.js';
import type { ClusterPlan, Plan } from './plan.js';
import type { ClusterRecord, GateOutcome } from './types.js';
import type { ValueChange } from './values.js';

const gateColour = { pass: 'green', fail: 'red', skip: 'dim' } as const;
const outcomeColour = {
  deployed: 'green',
  unchanged: 'dim',
  failed: 'red',
  'rolled-back': 'yellow',
  'not-started': 'dim',
} as const;

export function formatGates(gates: GateOutcome[]): string {
  return table(gates.map((gate) => [paint(gate.status, gateColour[gate.status]), gate.name, gate.message]));
}

const show = (value: unknown) => JSON.stringify(value);

function formatChange(change: ValueChange): string {
  if (change.before === undefined) return paint(`+ ${change.path}: ${show(change.after)}`, 'green');
  if (change.after === undefined) return paint(`- ${change.path}: ${show(change.before)}`, 'red');
  return paint(`~ ${change.path}: ${show(change.before)} -> ${show(change.after)}`, 'yellow');
}

function formatCluster(cluster: ClusterPlan, maxChanges: number): string[] {
  const from = cluster.previous?.bundle ? ` from ${shortDigest(cluster.previous.bundle)}` : '';
  const lines = [
    `    ${cluster.cluster} (${cluster.facility})  ${cluster.action}${from}  ${cluster.target} ns/${cluster.namespace}`,
  ];
  if (!cluster.diffComplete)
    lines.push(
      paint('      (values last recorded here are not stored locally; diff shown against nothing)', 'dim'),
    );
  const changes = cluster.changes.slice(0, maxChanges).map((change) => `      ${formatChange(change)}`);
  if (cluster.changes.length > maxChanges)
    changes.push(`      … ${cluster.changes.length - maxChanges} more (see --json)`);
  if (cluster.changes.length === 0) changes.push(paint('      values unchanged', 'dim'));
  return [...lines, ...changes];
}

export function formatPlan(plan: Plan, maxChanges = 20): string {
  const head = `Plan for ${plan.env} (${plan.deployer}, ${plan.waves.length} wave${plan.waves.length === 1 ? '' : 's'}, up to ${plan.maxParallel} cluster${plan.maxParallel === 1 ? '' : 's'} at once):`;
  const body = plan.waves.flatMap((wave, i) => [
    `  wave ${i + 1}`,
    ...wave.flatMap((cluster) => formatCluster(cluster, maxChanges)),
  ]);
  return [head, ...body].join('\n');
}

export function formatClusters(clusters: ClusterRecord[]): string {
  return table(
    clusters.map((cluster) => [
      paint(cluster.outcome, outcomeColour[cluster.outcome]),
      cluster.name,
      cluster.facility,
      cluster.message,
    ]),
  );
}
