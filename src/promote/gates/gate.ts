import type { Environment, Gates, Manifest } from '../../manifest/index.js';
import type { Evidence } from '../evidence.js';
import type { RepoState } from '../repo-state.js';
import type { Bundle, GateOutcome, LedgerEntry } from '../types.js';

/** Everything a gate may look at. Gates only read: deciding never changes anything. */
export interface GateContext {
  manifest: Manifest;
  env: Environment;
  gates: Gates;
  bundle: Bundle;
  digest: string;
  repo: RepoState;
  evidence: Evidence;
  ledger: LedgerEntry[];
  now: Date;
  breakGlass: boolean;
}

/** One gate: a name and a decision with its evidence. New gates plug in here. */
export interface Gate {
  name: string;
  evaluate(context: GateContext): GateOutcome | Promise<GateOutcome>;
}

export const pass = (name: string, message: string, evidence: Record<string, unknown> = {}): GateOutcome => ({
  name,
  status: 'pass',
  message,
  evidence,
});
export const fail = (name: string, message: string, evidence: Record<string, unknown> = {}): GateOutcome => ({
  name,
  status: 'fail',
  message,
  evidence,
});
export const skip = (name: string, message: string): GateOutcome => ({
  name,
  status: 'skip',
  message,
  evidence: {},
});

/** Whether an approver or actor names the commit's author, by name or e-mail. */
export function isAuthor(actor: string, author: { name: string; email: string }): boolean {
  const text = actor.trim().toLowerCase();
  const email = /<([^>]+)>/.exec(text)?.[1] ?? (text.includes('@') ? text : undefined);
  if (email && author.email && email === author.email.toLowerCase()) return true;
  const name = text.replace(/<[^>]*>/, '').trim();
  return Boolean(name) && name === author.name.trim().toLowerCase();
}
