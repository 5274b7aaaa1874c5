import type { DeploymentRecord, LedgerEntry } from './types.js';

/** What runs on one cluster according to the ledger. */
export interface ClusterState {
  env: string;
  cluster: string;
  facility: string;
  running: string | null;
  valuesHash: string | null;
  revision?: string;
  /** When the running bundle arrived there. */
  since: string;
  /** The ledger entry that last touched the cluster. */
  seq: number;
}

export const deployments = (ledger: LedgerEntry[]) =>
  ledger.filter((entry): entry is LedgerEntry & DeploymentRecord => entry.kind !== 'approval');

/** Replays the ledger into the current state per `env/cluster`. */
export function clusterStates(ledger: LedgerEntry[]): Map<string, ClusterState> {
  const states = new Map<string, ClusterState>();
  for (const entry of deployments(ledger)) {
    for (const cluster of entry.clusters) {
      const key = `${entry.env}/${cluster.name}`;
      const before = states.get(key);
      const same = before?.running === cluster.running;
      states.set(key, {
        env: entry.env,
        cluster: cluster.name,
        facility: cluster.facility,
        running: cluster.running,
        valuesHash: cluster.valuesHash,
        revision: cluster.revision,
        since: same && before ? before.since : entry.at,
        seq: entry.seq,
      });
    }
  }
  return states;
}

/** The bundle every cluster of an environment runs, if they all run the same one. */
export function environmentBundle(
  states: Map<string, ClusterState>,
  env: string,
  clusters: string[],
): { bundle: string; since: string } | undefined {
  const found = clusters.map((name) => states.get(`${env}/${name}`));
  const first = found[0];
  if (!first?.running || found.some((state) => state?.running !== first.running)) return undefined;
  const since = found
    .map((state) => state!.since)
    .sort()
    .at(-1)!;
  return { bundle: first.running, since };
}
