import { loadValues, saveBundle } from './bundle.js';
import { createDeployer } from './deployers/index.js';
import type { EvidenceSources } from './evidence.js';
import { evaluateGates, promotionGates } from './gates/index.js';
import { buildPlan, type Plan } from './plan.js';
import { assembleRelease } from './release.js';
import { deployRequests } from './requests.js';
import { resolveActor } from './actor.js';
import { runDeployment } from './run-deployment.js';
import { clusterStates } from './state.js';
import type { Bundle, ClusterRecord, GateOutcome } from './types.js';
import type { Values } from './values.js';

export interface PromoteOptions {
  dir?: string;
  env: string;
  dryRun: boolean;
  maxParallel?: number;
  benchFile?: string;
  benchNow?: boolean;
  imageDigest?: string;
  actor?: string;
  /** Helm's --timeout for each cluster, e.g. 5m. */
  timeout: string;
  verifyTimeoutMs: number;
  now?: Date;
  sources?: EvidenceSources;
  onProgress?: (message: string) => void;
}

export interface PromotionResult {
  env: string;
  bundle: string;
  /** planned: dry run with gates passing; blocked: a gate failed; succeeded/failed: applied. */
  status: 'planned' | 'blocked' | 'succeeded' | 'failed';
  dryRun: boolean;
  summary: Pick<Bundle, 'commit' | 'image' | 'model' | 'chart' | 'audit'> & { bench: string | null };
  gates: GateOutcome[];
  plan: Plan;
  clusters: ClusterRecord[];
  ledgerEntry?: number;
  tag?: string;
  /** Set when the ledger entry was written but the git tag could not be. */
  tagProblem?: string;
  bundleFile?: string;
}

/** `poc promote ENV`: assemble the bundle, decide the gates, plan, then (unless dry run) apply. */
export async function promote(options: PromoteOptions): Promise<PromotionResult> {
  const now = options.now ?? new Date();
  const release = await assembleRelease(options);
  const { project, env, gates, ledger, repo, evidence, built } = release;
  const { root, manifest } = project;
  const outcomes = await evaluateGates(promotionGates, {
    manifest,
    env,
    gates,
    bundle: built.bundle,
    digest: built.digest,
    repo,
    evidence,
    ledger,
    now,
    breakGlass: false,
  });
  const states = clusterStates(ledger);
  const stored = new Map<string, Values>();
  for (const state of states.values()) {
    if (state.env === env.name && state.valuesHash) {
      const values = await loadValues(root, state.valuesHash);
      if (values) stored.set(state.valuesHash, values);
    }
  }
  const maxParallel = options.maxParallel ?? env.maxParallel;
  const plan = buildPlan({
    manifest,
    env,
    digest: built.digest,
    values: built.values,
    valuesHashes: built.bundle.values,
    states,
    storedValues: stored,
    maxParallel,
  });
  const b = built.bundle;
  const result: PromotionResult = {
    env: env.name,
    bundle: built.digest,
    status: 'planned',
    dryRun: options.dryRun,
    summary: {
      commit: b.commit,
      image: b.image,
      model: b.model,
      chart: b.chart,
      audit: b.audit,
      bench: b.bench?.verdict ?? null,
    },
    gates: outcomes,
    plan,
    clusters: [],
  };
  const approvals = outcomes.find((gate) => gate.name === 'approvals')?.evidence.counted as
    string[] | undefined;
  const actor = await resolveActor(root, options.actor);
  const requests = deployRequests(env, maxParallel, states, (key) => ({
    values: built.values[key]!,
    valuesHash: built.bundle.values[key]!,
  }));
  const deployer = createDeployer({
    root,
    manifest,
    env,
    digest: built.digest,
    bundle: built.bundle,
    kind: 'promotion',
    actor,
    approvers: approvals ?? [],
    timeout: options.timeout,
  });
  const outcome = await runDeployment({
    root,
    ledger,
    now,
    deployer,
    waves: requests,
    gates: outcomes,
    dryRun: options.dryRun,
    verifyTimeoutMs: options.verifyTimeoutMs,
    onProgress: options.onProgress,
    record: {
      kind: 'promotion',
      env: env.name,
      bundle: built.digest,
      actor,
      commit: repo.commit.sha,
      deployer: env.deployer,
      gates: outcomes,
      approvals: approvals ?? [],
    },
    beforeApply: async () => {
      result.bundleFile = await saveBundle(root, built);
    },
  });
  return { ...result, ...outcome };
}
