import { loadProject } from '../manifest/index.js';
import { loadBundle } from './bundle.js';
import { readVerifiedLedger } from './ledger.js';
import { clusterStates } from './state.js';

export interface FacilityStatus {
  facility: string;
  env: string;
  cluster: string;
  bundle: string | null;
  since: string | null;
  model: string | null;
  commit: string | null;
  revision: string | null;
}

/** `poc promote status`: which bundle runs where, per facility, from the ledger. */
export async function promotionStatus(options: { dir?: string; env?: string }): Promise<FacilityStatus[]> {
  const project = await loadProject(options.dir);
  const { root, manifest } = project;
  const states = clusterStates(await readVerifiedLedger(root));
  const rows: FacilityStatus[] = [];
  const bundles = new Map<string, { model: string; commit: string } | null>();
  for (const env of manifest.environments) {
    if (options.env && env.name !== options.env) continue;
    for (const cluster of env.clusters) {
      const state = states.get(`${env.name}/${cluster.name}`);
      const digest = state?.running ?? null;
      if (digest && !bundles.has(digest)) {
        const stored = await loadBundle(root, digest).catch(() => undefined);
        bundles.set(
          digest,
          stored
            ? {
                model: `${stored.bundle.model.version} (${stored.bundle.model.sha256.slice(0, 12)})`,
                commit: stored.bundle.commit.sha,
              }
            : null,
        );
      }
      const info = digest ? bundles.get(digest) : null;
      rows.push({
        facility: cluster.facility ?? cluster.name,
        env: env.name,
        cluster: cluster.name,
        bundle: digest,
        since: digest ? (state?.since ?? null) : null,
        model: info?.model ?? null,
        commit: info?.commit ?? null,
        revision: state?.revision ?? null,
      });
    }
  }
  return rows.sort((a, b) => a.facility.localeCompare(b.facility));
}
