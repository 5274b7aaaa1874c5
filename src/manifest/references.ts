import { stat } from 'node:fs/promises';
import { join } from 'node:path';

import type { Manifest } from './schema.js';

/** A file or directory poc.yaml points at, with the manifest path that names it. */
export interface Reference {
  path: (string | number)[];
  file: string;
  kind: 'model' | 'profile' | 'contract' | 'chart' | 'values';
}

export function references(manifest: Manifest): Reference[] {
  const refs: Reference[] = [{ path: ['model', 'path'], file: manifest.model.path, kind: 'model' }];
  if (manifest.model.profile)
    refs.push({ path: ['model', 'profile'], file: manifest.model.profile, kind: 'profile' });
  manifest.integrations.forEach((integration, i) =>
    refs.push({ path: ['integrations', i, 'contract'], file: integration.contract, kind: 'contract' }),
  );
  if (manifest.deploy.chart)
    refs.push({ path: ['deploy', 'chart'], file: manifest.deploy.chart, kind: 'chart' });
  manifest.environments.forEach((env, i) =>
    env.clusters.forEach((cluster, j) =>
      cluster.values.forEach((file, k) =>
        refs.push({ path: ['environments', i, 'clusters', j, 'values', k], file, kind: 'values' }),
      ),
    ),
  );
  return refs;
}

/** Why a reference is broken, or undefined when it is fine. A chart is a directory with Chart.yaml. */
export async function checkReference(root: string, ref: Reference): Promise<string | undefined> {
  const target = join(root, ref.file);
  const info = await stat(target).catch(() => undefined);
  if (!info) return `${ref.kind} ${ref.file} does not exist`;
  if (ref.kind === 'chart') {
    if (!info.isDirectory()) return `chart ${ref.file} is not a directory`;
    const chartFile = await stat(join(target, 'Chart.yaml')).catch(() => undefined);
    return chartFile?.isFile() ? undefined : `chart ${ref.file} has no Chart.yaml`;
  }
  return info.isFile() ? undefined : `${ref.kind} ${ref.file} is not a file`;
}
