import { readFile } from 'node:fs/promises';

/** Per-feature statistics of the training split, written by training/train.py. */
export interface FeatureProfile {
  name: string;
  min: number;
  max: number;
  mean: number;
  std: number;
  /** Interior decile edges; bin i holds values in [edges[i-1], edges[i]). */
  binEdges: number[];
  binProportions: number[];
}

export interface TrainingProfile {
  classes: string[];
  samples: number;
  features: FeatureProfile[];
}

/**
 * How far outside the training range a value may lie, as a share of that range, before the
 * input counts as out of distribution. Small, because the range already spans every training
 * sample; an input beyond it is something the model never saw.
 */
export const RANGE_TOLERANCE = 0.1;

export async function loadProfile(
  path: string,
  featureNames: readonly string[],
  classes: readonly string[],
): Promise<TrainingProfile> {
  let profile: TrainingProfile;
  try {
    profile = JSON.parse(await readFile(path, 'utf8')) as TrainingProfile;
  } catch (error) {
    throw new Error(
      `training profile ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const names = profile.features?.map((feature) => feature.name) ?? [];
  if (names.join() !== featureNames.join() || profile.classes?.join() !== classes.join()) {
    throw new Error(
      `training profile ${path} was built for features [${names.join(', ')}] and classes [${String(profile.classes)}]; ` +
        `the app computes [${featureNames.join(', ')}] for [${classes.join(', ')}] (retrain with npm run train)`,
    );
  }
  return profile;
}

/** Names of the features that lie outside the training profile. */
export function outOfDistribution(profile: TrainingProfile, values: readonly number[]): string[] {
  const outside: string[] = [];
  profile.features.forEach((feature, i) => {
    const value = values[i] ?? Number.NaN;
    const margin = (feature.max - feature.min) * RANGE_TOLERANCE;
    if (!(value >= feature.min - margin && value <= feature.max + margin)) outside.push(feature.name);
  });
  return outside;
}

/** Bin of a value under a feature's edges (same rule as numpy.searchsorted(side="right")). */
export function binOf(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (value >= (edges[middle] ?? Infinity)) low = middle + 1;
    else high = middle;
  }
  return low;
}
