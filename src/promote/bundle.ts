import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { writeFileAtomic } from '../core/atomic-write.js';
import { UserError } from '../core/errors.js';
import type { Manifest } from '../manifest/index.js';
import { contentDigest, sha256, shortDigest } from './digest.js';
import type { Evidence } from './evidence.js';
import type { RepoState } from './repo-state.js';
import type { Bundle } from './types.js';
import { renderValues, valuesHash, type Values } from './values.js';

const BUNDLES = join('.poc', 'bundles');
const VALUES = join('.poc', 'values');

export interface BuiltBundle {
  bundle: Bundle;
  digest: string;
  /** Rendered values per `env/cluster`, stored beside the bundle for later diffs. */
  values: Record<string, Values>;
}

const IMAGE_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** `sha256:…` or `repo@sha256:…` -> the digest, checked. */
export function parseImageDigest(input: string): string {
  const digest = input.includes('@') ? input.slice(input.lastIndexOf('@') + 1) : input;
  if (!IMAGE_DIGEST.test(digest)) {
    throw new UserError(`Image digest "${input}" is not of the form sha256:<64 hex digits>.`, {
      code: 'IMAGE_DIGEST_INVALID',
      hint: 'Pass the digest the registry returned for the pushed image, e.g. from "docker buildx imagetools inspect".',
    });
  }
  return digest;
}

async function modelSha256(root: string, path: string): Promise<string> {
  const data = await readFile(join(root, path)).catch(() => {
    throw new UserError(`The model ${path} named in poc.yaml does not exist.`, {
      code: 'MODEL_MISSING',
      hint: 'Pull it with "poc data pull" or fix model.path; the bundle pins the model by its sha256.',
    });
  });
  return sha256(data);
}

async function chartInfo(root: string, chart: string | undefined) {
  if (!chart) return { chart: null, defaults: [] as string[] };
  const { parse } = await import('yaml');
  const text = await readFile(join(root, chart, 'Chart.yaml'), 'utf8').catch(() => {
    throw new UserError(`The chart ${chart} has no Chart.yaml.`, {
      code: 'CHART_MISSING',
      hint: 'Fix deploy.chart in poc.yaml; "poc validate" checks the files it names.',
    });
  });
  const meta = (parse(text) ?? {}) as { name?: unknown; version?: unknown };
  const hasDefaults = await stat(join(root, chart, 'values.yaml')).then(
    (s) => s.isFile(),
    () => false,
  );
  return {
    chart: { path: chart, name: String(meta.name ?? chart), version: String(meta.version ?? '0.0.0') },
    defaults: hasDefaults ? [join(chart, 'values.yaml')] : [],
  };
}

/** Values the bundle pins on every cluster, so the deployment cannot drift from the bundle. */
function pinnedValues(bundleImage: Bundle['image'], model: Bundle['model']): Values {
  return {
    ...(bundleImage ? { image: { repository: bundleImage.repository, digest: bundleImage.digest } } : {}),
    model: { sha256: model.sha256, version: model.version },
  };
}

export interface BundleInputs {
  root: string;
  manifest: Manifest;
  repo: RepoState;
  evidence: Evidence;
  imageDigest?: string;
}

/** Assembles the bundle from the project as it is now. Pure reading: nothing is written. */
export async function buildBundle(inputs: BundleInputs): Promise<BuiltBundle> {
  const { root, manifest, repo, evidence } = inputs;
  let image: Bundle['image'] = null;
  if (manifest.deploy.image) {
    if (!inputs.imageDigest) {
      throw new UserError(`The release must pin the image ${manifest.deploy.image} by digest.`, {
        code: 'IMAGE_DIGEST_MISSING',
        hint: 'Pass --image-digest sha256:… (or POC_IMAGE_DIGEST) with the digest of the pushed image.',
      });
    }
    const digest = parseImageDigest(inputs.imageDigest);
    image = { repository: manifest.deploy.image, digest, reference: `${manifest.deploy.image}@${digest}` };
  }
  const model: Bundle['model'] = {
    path: manifest.model.path,
    version: manifest.model.version,
    sha256: await modelSha256(root, manifest.model.path),
    lineage: evidence.data?.lineage ?? null,
  };
  const { chart, defaults } = await chartInfo(root, manifest.deploy.chart);
  const pinned = pinnedValues(image, model);
  const values: Record<string, Values> = {};
  const hashes: Record<string, string> = {};
  for (const env of manifest.environments) {
    for (const cluster of env.clusters) {
      const key = `${env.name}/${cluster.name}`;
      values[key] = await renderValues(root, [...defaults, ...cluster.values], pinned);
      hashes[key] = valuesHash(values[key]);
    }
  }
  const bundle: Bundle = {
    schema: 'poc2prod/bundle@1',
    project: manifest.project.name,
    commit: repo.commit,
    image,
    model,
    chart,
    values: hashes,
    audit: evidence.audit ? { score: evidence.audit.score, highFindings: evidence.audit.highFindings } : null,
    bench: evidence.bench
      ? {
          file: evidence.bench.file,
          sha256: evidence.bench.sha256,
          verdict: evidence.bench.verdict,
          modelSha256: evidence.bench.modelSha256,
          evidence: evidence.bench.summary,
        }
      : null,
  };
  return { bundle, digest: contentDigest(bundle), values };
}

/** Stores the bundle and its rendered values, content-addressed, under .poc/; the bundle's path. */
export async function saveBundle(root: string, built: BuiltBundle): Promise<string> {
  const file = join(BUNDLES, `${shortDigest(built.digest)}.json`);
  await writeFileAtomic(
    join(root, file),
    `${JSON.stringify({ digest: built.digest, bundle: built.bundle }, null, 2)}\n`,
  );
  for (const values of Object.values(built.values)) {
    const hash = valuesHash(values);
    await writeFileAtomic(
      join(root, VALUES, `${shortDigest(hash)}.json`),
      `${JSON.stringify(values, null, 2)}\n`,
    );
  }
  return file;
}

/** A stored bundle by digest or unambiguous prefix (with or without `sha256:`), checked against its digest. */
export async function loadBundle(
  root: string,
  digestOrPrefix: string,
): Promise<{ digest: string; bundle: Bundle }> {
  const prefix = digestOrPrefix.replace(/^sha256:/, '').toLowerCase();
  if (!/^[0-9a-f]{7,64}$/.test(prefix)) {
    throw new UserError(`"${digestOrPrefix}" is not a bundle digest (at least 7 hex digits).`, {
      code: 'BUNDLE_INVALID',
      hint: '"poc promote log" lists the bundles promoted so far.',
    });
  }
  const { readdir } = await import('node:fs/promises');
  const names = (await readdir(join(root, BUNDLES)).catch(() => [] as string[])).filter(
    (name) => name.endsWith('.json') && (name.startsWith(prefix) || prefix.startsWith(name.slice(0, -5))),
  );
  const found: { digest: string; bundle: Bundle }[] = [];
  for (const name of names) {
    const stored = JSON.parse(await readFile(join(root, BUNDLES, name), 'utf8')) as {
      digest: string;
      bundle: Bundle;
    };
    if (!stored.digest.replace(/^sha256:/, '').startsWith(prefix)) continue;
    if (contentDigest(stored.bundle) !== stored.digest) {
      throw new UserError(
        `The stored bundle ${join(BUNDLES, name)} does not match its digest: it was altered.`,
        {
          code: 'BUNDLE_ALTERED',
          hint: 'Restore .poc/bundles from backup; a bundle is immutable once promoted.',
        },
      );
    }
    found.push(stored);
  }
  if (found.length > 1) {
    throw new UserError(`Bundle prefix ${digestOrPrefix} is ambiguous.`, {
      code: 'BUNDLE_AMBIGUOUS',
      hint: 'Give more digits.',
    });
  }
  if (found[0]) return found[0];
  throw new UserError(`No stored bundle ${digestOrPrefix} in ${BUNDLES}.`, {
    code: 'BUNDLE_UNKNOWN',
    hint: '"poc promote log" lists the bundles promoted so far; pass one of their digests.',
  });
}

/** Stored rendered values by their hash, or undefined when never stored. */
export async function loadValues(root: string, hash: string): Promise<Values | undefined> {
  const text = await readFile(join(root, VALUES, `${shortDigest(hash)}.json`), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as Values);
}
