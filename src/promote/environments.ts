import { UserError } from '../core/errors.js';
import { closest } from '../core/suggest.js';
import type { Cluster, Environment, Gates, Manifest } from '../manifest/index.js';

/** The environment named on the command line, or a UserError naming the known ones. */
export function findEnvironment(manifest: Manifest, name: string, displayFile: string): Environment {
  const env = manifest.environments.find((candidate) => candidate.name === name);
  if (env) return env;
  const names = manifest.environments.map((candidate) => candidate.name);
  if (names.length === 0) {
    throw new UserError(`${displayFile} defines no environments, so there is nothing to promote to.`, {
      code: 'UNKNOWN_ENVIRONMENT',
      hint: 'Add an environments section (name, deployer, clusters) to poc.yaml; "poc init" generates one.',
    });
  }
  const suggestion = closest(name, names);
  throw new UserError(`Unknown environment "${name}" in ${displayFile}.`, {
    code: 'UNKNOWN_ENVIRONMENT',
    hint: `${suggestion ? `Did you mean "${suggestion}"? ` : ''}Known environments: ${names.join(', ')}.`,
  });
}

/** The global gates with the environment's overrides on top. */
export function effectiveGates(manifest: Manifest, env: Environment): Gates {
  const overrides = Object.fromEntries(
    Object.entries(env.gates ?? {}).filter(([, value]) => value !== undefined),
  ) as Partial<Gates>;
  return { ...manifest.gates, ...overrides };
}

/** The clusters in the order they are deployed: facilities in order of first appearance. */
export function orderedClusters(env: Environment): Cluster[] {
  const facilities: string[] = [];
  for (const cluster of env.clusters) {
    const facility = cluster.facility ?? cluster.name;
    if (!facilities.includes(facility)) facilities.push(facility);
  }
  return facilities.flatMap((facility) =>
    env.clusters.filter((cluster) => (cluster.facility ?? cluster.name) === facility),
  );
}

/** Waves of at most `maxParallel` clusters; a wave starts only when the one before is verified. */
export function waves(env: Environment, maxParallel: number): Cluster[][] {
  const ordered = orderedClusters(env);
  const result: Cluster[][] = [];
  for (let i = 0; i < ordered.length; i += maxParallel) result.push(ordered.slice(i, i + maxParallel));
  return result;
}
