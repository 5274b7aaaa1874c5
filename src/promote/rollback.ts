import { UserError } from '../core/errors.js';
import { loadProject } from '../manifest/index.js';
import { resolveActor } from './actor.js';
import { runDeployment } from './run-deployment.js';
import { loadBundle, loadValues } from './bundle.js';
import { createDeployer } from './deployers/index.js';
import { shortDigest } from './digest.js';
import { effectiveGates, findEnvironment } from './environments.js';
import { evaluateGates, rollbackGates } from './gates/index.js';
import { readVerifiedLedger } from './ledger.js';
import { readRepoState } from './repo-state.js';
import { deployRequests } from './requests.js';
import { clusterStates, deployments } from './state.js';
import type { ClusterRecord, GateOutcome, LedgerEntry } from './types.js';
import type { Values } from './values.js';

export interface RollbackOptions {
  dir?: string;
  env: string;
  to?: string;
  breakGlass: boolean;
  dryRun: boolean;
  actor?: string;
  timeout: string;
  verifyTimeoutMs: number;
  maxParallel?: number;
  now?: Date;
  onProgress?: (message: string) => void;
}

export interface RollbackResult {
  env: string;
  from: string[];
  to: string;
  status: 'planned' | 'blocked' | 'succeeded' | 'failed';
  dryRun: boolean;
  gates: GateOutcome[];
  clusters: ClusterRecord[];
  ledgerEntry?: number;
  tag?: string;
  tagProblem?: string;
}

/** The bundle the environment ran before the one it runs now. */
function previousBundle(ledger: LedgerEntry[], env: string, current: Set<string>): string | undefined {
  const succeeded = deployments(ledger).filter((entry) => entry.env === env && entry.result === 'succeeded');
  for (const entry of succeeded.reverse()) if (!current.has(entry.bundle)) return entry.bundle;
  return undefined;
}

/** The last recorded revision at which a cluster ran the bundle (helm rolls back to it). */
function revisionFor(
  ledger: LedgerEntry[],
  env: string,
  cluster: string,
  bundle: string,
): string | undefined {
  let found: string | undefined;
  for (const entry of deployments(ledger)) {
    if (entry.env !== env) continue;
    const record = entry.clusters.find((c) => c.name === cluster);
    if (record?.running === bundle && record.revision) found = record.revision;
  }
  return found;
}

/** `poc rollback ENV [--to BUNDLE]`: every cluster back to the previous (or named) bundle. */
export async function rollback(options: RollbackOptions): Promise<RollbackResult> {
  const now = options.now ?? new Date();
  const project = await loadProject(options.dir);
  const { root, manifest } = project;
  const env = findEnvironment(manifest, options.env, project.displayFile);
  const ledger = await readVerifiedLedger(root);
  const states = clusterStates(ledger);
  const current = new Set(
    env.clusters
      .map((c) => states.get(`${env.name}/${c.name}`)?.running)
      .filter((b): b is string => Boolean(b)),
  );
  const wanted = options.to ?? previousBundle(ledger, env.name, current);
  if (!wanted) {
    throw new UserError(`${env.name} has no earlier bundle to return to.`, {
      code: 'NOTHING_TO_ROLL_BACK',
      hint: `"poc promote log" lists what ran in ${env.name}; pass --to DIGEST to choose a bundle.`,
    });
  }
  const { digest, bundle } = await loadBundle(root, wanted);
  const values = new Map<string, { values: Values; valuesHash: string; restoreRevision?: string }>();
  for (const cluster of env.clusters) {
    const key = `${env.name}/${cluster.name}`;
    const hash = bundle.values[key];
    const stored = hash ? await loadValues(root, hash) : undefined;
    if (!hash || !stored) {
      throw new UserError(
        `Bundle ${shortDigest(digest)} has no recorded values for cluster ${cluster.name} of ${env.name}.`,
        {
          code: 'BUNDLE_INCOMPLETE',
          hint: 'The cluster was added after that bundle; roll back to a later bundle, or promote instead.',
        },
      );
    }
    const revision =
      env.deployer === 'helm' ? revisionFor(ledger, env.name, cluster.name, digest) : undefined;
    if (env.deployer === 'helm' && revision === undefined) {
      throw new UserError(`No helm revision of cluster ${cluster.name} ran bundle ${shortDigest(digest)}.`, {
        code: 'NO_REVISION',
        hint: `Roll back to a bundle that ran on every cluster of ${env.name} ("poc promote log --env ${env.name}").`,
      });
    }
    values.set(key, { values: stored, valuesHash: hash, restoreRevision: revision });
  }
  const repo = await readRepoState(root);
  const gates = await evaluateGates(rollbackGates, {
    manifest,
    env,
    gates: effectiveGates(manifest, env),
    bundle,
    digest,
    repo,
    evidence: { audit: null, bench: null, data: null, unavailable: {} },
    ledger,
    now,
    breakGlass: options.breakGlass,
  });
  const result: RollbackResult = {
    env: env.name,
    from: [...current],
    to: digest,
    status: 'planned',
    dryRun: options.dryRun,
    gates,
    clusters: [],
  };
  const actor = await resolveActor(root, options.actor);
  const requests = deployRequests(env, options.maxParallel ?? env.maxParallel, states, (key) =>
    values.get(key)!,
  );
  const deployer = createDeployer({
    root,
    manifest,
    env,
    digest,
    bundle,
    kind: 'rollback',
    actor,
    approvers: [],
    timeout: options.timeout,
  });
  const outcome = await runDeployment({
    root,
    ledger,
    now,
    deployer,
    waves: requests,
    gates,
    dryRun: options.dryRun,
    verifyTimeoutMs: options.verifyTimeoutMs,
    onProgress: options.onProgress,
    record: {
      kind: 'rollback',
      env: env.name,
      bundle: digest,
      actor,
      commit: bundle.commit.sha,
      deployer: env.deployer,
      gates,
      approvals: [],
      ...(options.breakGlass ? { breakGlass: true } : {}),
    },
  });
  return { ...result, ...outcome };
}
