import type { Environment, Manifest } from '../manifest/index.js';
import { waves } from './environments.js';
import type { ClusterState } from './state.js';
import { diffValues, type ValueChange, type Values } from './values.js';

export interface ClusterPlan {
  cluster: string;
  facility: string;
  /** Kube context (helm) or directory in the environment repository (gitops). */
  target: string;
  namespace: string;
  action: 'install' | 'upgrade' | 'unchanged';
  valuesHash: string;
  previous: { bundle: string | null; valuesHash: string | null } | null;
  /** Leaf changes against what was last recorded for the cluster. */
  changes: ValueChange[];
  /** False when the previous values were never stored here, so the diff is against nothing. */
  diffComplete: boolean;
}

export interface Plan {
  env: string;
  deployer: 'helm' | 'gitops';
  bundle: string;
  maxParallel: number;
  waves: ClusterPlan[][];
}

export interface PlanInputs {
  manifest: Manifest;
  env: Environment;
  digest: string;
  values: Record<string, Values>;
  valuesHashes: Record<string, string>;
  states: Map<string, ClusterState>;
  /** Values stored for an earlier release, by hash. */
  storedValues: Map<string, Values>;
  maxParallel: number;
}

/** The per-cluster plan, wave by wave: a pure function of the bundle and the ledger's state. */
export function buildPlan(inputs: PlanInputs): Plan {
  const { env, digest, values, valuesHashes, states, storedValues } = inputs;
  const planned = waves(env, inputs.maxParallel).map((wave) =>
    wave.map((cluster): ClusterPlan => {
      const key = `${env.name}/${cluster.name}`;
      const state = states.get(key);
      const hash = valuesHashes[key]!;
      const before = state?.valuesHash ? storedValues.get(state.valuesHash) : undefined;
      const target =
        env.deployer === 'gitops'
          ? (env.gitops?.path ?? 'clusters/{cluster}')
              .replaceAll('{cluster}', cluster.name)
              .replaceAll('{facility}', cluster.facility ?? cluster.name)
          : (cluster.context ?? '(no context)');
      const running = state?.running ?? null;
      return {
        cluster: cluster.name,
        facility: cluster.facility ?? cluster.name,
        target,
        namespace: cluster.namespace,
        action: !running
          ? 'install'
          : running === digest && state?.valuesHash === hash
            ? 'unchanged'
            : 'upgrade',
        valuesHash: hash,
        previous: state ? { bundle: state.running, valuesHash: state.valuesHash } : null,
        changes: diffValues(before, values[key] ?? {}),
        diffComplete: !state?.valuesHash || before !== undefined,
      };
    }),
  );
  return {
    env: env.name,
    deployer: env.deployer,
    bundle: digest,
    maxParallel: inputs.maxParallel,
    waves: planned,
  };
}
