import { appendLedger } from './ledger.js';
import { tagPromotion } from './repo-state.js';
import { deployments } from './state.js';
import type { DeploymentRecord, LedgerEntry } from './types.js';

/**
 * Writes the deployment to the ledger and, when it succeeded, tags the promoted commit
 * `promote/ENV/N` (N counts the environment's successful deployments). The ledger is the record;
 * a tag git refuses (e.g. it exists) is reported, not fatal.
 */
export async function recordDeployment(
  root: string,
  ledger: LedgerEntry[],
  record: DeploymentRecord,
  now: Date,
): Promise<{ seq: number; tag?: string; tagProblem?: string }> {
  let tag: string | undefined;
  if (record.result === 'succeeded') {
    const count = deployments(ledger).filter(
      (entry) => entry.env === record.env && entry.result === 'succeeded',
    ).length;
    tag = `promote/${record.env}/${count + 1}`;
  }
  const entry = await appendLedger(root, { ...record, ...(tag ? { tag } : {}) }, now);
  if (!tag) return { seq: entry.seq };
  try {
    await tagPromotion(root, tag, record.commit);
    return { seq: entry.seq, tag };
  } catch (error) {
    return { seq: entry.seq, tag, tagProblem: (error as Error).message };
  }
}
