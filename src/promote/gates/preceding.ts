import { durationMs, formatDuration } from '../duration.js';
import { shortDigest } from '../digest.js';
import { clusterStates, environmentBundle } from '../state.js';
import { fail, pass, skip, type Gate } from './gate.js';

/** The same bundle runs on every cluster of the preceding environment, for the soak time. */
export const precedingGate: Gate = {
  name: 'preceding',
  evaluate({ env, manifest, gates, ledger, digest, now }) {
    const previous = manifest.environments.find((candidate) => candidate.name === env.after);
    if (!env.after || !previous) return skip('preceding', `${env.name} has no preceding environment`);
    const states = clusterStates(ledger);
    const held = environmentBundle(
      states,
      previous.name,
      previous.clusters.map((cluster) => cluster.name),
    );
    const evidence = {
      environment: previous.name,
      running: held?.bundle ?? null,
      since: held?.since ?? null,
      soak: gates.soak,
    };
    if (held?.bundle !== digest) {
      return fail(
        'preceding',
        `bundle ${shortDigest(digest)} has not been promoted to ${previous.name} (it runs ${held ? shortDigest(held.bundle) : 'no single bundle'}); run "poc promote ${previous.name}" first`,
        evidence,
      );
    }
    const soaked = now.getTime() - Date.parse(held.since);
    const needed = durationMs(gates.soak);
    if (soaked < needed) {
      return fail(
        'preceding',
        `bundle ${shortDigest(digest)} has soaked in ${previous.name} for ${formatDuration(soaked)} of the ${gates.soak} required; try again after ${new Date(Date.parse(held.since) + needed).toISOString()}`,
        evidence,
      );
    }
    return pass(
      'preceding',
      `runs in ${previous.name} since ${held.since} (soak ${gates.soak} met)`,
      evidence,
    );
  },
};
