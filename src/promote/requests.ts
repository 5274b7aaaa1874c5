import type { Environment } from '../manifest/index.js';
import type { DeployRequest } from './deployers/index.js';
import { waves } from './environments.js';
import type { ClusterState } from './state.js';
import type { Values } from './values.js';

/** The deploy requests of an environment, wave by wave. */
export function deployRequests(
  env: Environment,
  maxParallel: number,
  states: Map<string, ClusterState>,
  values: (clusterKey: string) => { values: Values; valuesHash: string; restoreRevision?: string },
): DeployRequest[][] {
  return waves(env, maxParallel).map((wave) =>
    wave.map((cluster) => {
      const key = `${env.name}/${cluster.name}`;
      return {
        cluster,
        facility: cluster.facility ?? cluster.name,
        valuesFiles: cluster.values,
        previous: states.get(key),
        ...values(key),
      };
    }),
  );
}
