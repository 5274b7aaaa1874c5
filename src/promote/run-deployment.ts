import { join } from 'node:path';

import { acquireLock } from '../core/lock.js';
import { applyWaves } from './apply.js';
import type { Deployer, DeployRequest } from './deployers/index.js';
import { recordDeployment } from './record.js';
import type { ClusterRecord, DeploymentRecord, GateOutcome, LedgerEntry } from './types.js';

export interface DeploymentRun {
  root: string;
  ledger: LedgerEntry[];
  now: Date;
  deployer: Deployer;
  waves: DeployRequest[][];
  gates: GateOutcome[];
  dryRun: boolean;
  verifyTimeoutMs: number;
  onProgress?: (message: string) => void;
  /** The ledger record; its result and clusters come from the run. */
  record: Omit<DeploymentRecord, 'result' | 'clusters'>;
  /** Work done under the lock before the first wave (promote saves its bundle). */
  beforeApply?: () => Promise<void>;
}

export interface DeploymentOutcome {
  status: 'planned' | 'blocked' | 'succeeded' | 'failed';
  clusters?: ClusterRecord[];
  ledgerEntry?: number;
  tag?: string;
  tagProblem?: string;
}

/**
 * What promote and rollback share once their gates are decided: the deployer's preflight (helm
 * always, since a dry run reports stuck releases too; gitops only when applying), a stop when a
 * gate failed or on a dry run, then, under the project's deployment lock, the waves and their
 * ledger entry.
 */
export async function runDeployment(run: DeploymentRun): Promise<DeploymentOutcome> {
  const { deployer, record } = run;
  let unlock: (() => Promise<void>) | undefined;
  try {
    if (record.deployer === 'helm' || !run.dryRun) await deployer.preflight(run.waves.flat());
    if (run.gates.some((gate) => gate.status === 'fail')) return { status: 'blocked' };
    if (run.dryRun) return { status: 'planned' };
    // One deployment per project at a time: two would fight over the same clusters.
    const what = record.kind === 'rollback' ? `rollback of ${record.env}` : `promotion to ${record.env}`;
    unlock = await acquireLock(join(run.root, '.poc', 'promote.lock'), what, 0);
    await run.beforeApply?.();
    const applied = await applyWaves(deployer, run.waves, {
      digest: record.bundle,
      verifyTimeoutMs: run.verifyTimeoutMs,
      onProgress: run.onProgress,
    });
    const result = applied.ok ? 'succeeded' : 'failed';
    const recorded = await recordDeployment(
      run.root,
      run.ledger,
      { ...record, result, clusters: applied.clusters },
      run.now,
    );
    return {
      status: result,
      clusters: applied.clusters,
      ledgerEntry: recorded.seq,
      tag: recorded.tag,
      tagProblem: recorded.tagProblem,
    };
  } finally {
    await deployer.close();
    await unlock?.();
  }
}
