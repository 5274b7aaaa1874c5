import type { Deployer, DeployRequest } from './deployers/index.js';
import type { ClusterRecord } from './types.js';
import { checkHealth } from './verify-health.js';

export interface ApplyOptions {
  digest: string;
  verifyTimeoutMs: number;
  onProgress?: (message: string) => void;
}

export interface ApplyOutcome {
  ok: boolean;
  clusters: ClusterRecord[];
}

/**
 * Applies wave after wave, verifying each cluster (the deployer's own wait, then its health URL)
 * before the next wave. On the first failure it stops, undoes every cluster this run changed,
 * and reports what happened where.
 */
export async function applyWaves(
  deployer: Deployer,
  wavesToApply: DeployRequest[][],
  options: ApplyOptions,
): Promise<ApplyOutcome> {
  const records = new Map<string, ClusterRecord>();
  const all = wavesToApply.flat();
  for (const request of all) {
    records.set(request.cluster.name, {
      name: request.cluster.name,
      facility: request.facility,
      outcome: 'not-started',
      message: 'not started: an earlier wave failed',
      running: request.previous?.running ?? null,
      valuesHash: request.previous?.valuesHash ?? null,
      revision: request.previous?.revision,
    });
  }
  const changed: string[] = [];
  let failed = false;
  for (const [index, wave] of wavesToApply.entries()) {
    const names = wave.map((request) => request.cluster.name).join(', ');
    options.onProgress?.(`wave ${index + 1}/${wavesToApply.length}: deploying ${names}`);
    const results = await deployer.deployWave(wave);
    for (const result of results) if (result.changed) changed.push(result.cluster);
    await Promise.all(
      wave.map(async (request, i) => {
        const result = results[i]!;
        const record = records.get(request.cluster.name)!;
        if (!result.ok) {
          failed = true;
          Object.assign(record, { outcome: 'failed', message: result.message });
          return;
        }
        let message = result.message;
        if (request.cluster.healthUrl) {
          options.onProgress?.(`wave ${index + 1}/${wavesToApply.length}: verifying ${request.cluster.name}`);
          const health = await checkHealth(request.cluster.healthUrl, options.verifyTimeoutMs);
          if (!health.ok) {
            failed = true;
            Object.assign(record, {
              outcome: 'failed',
              message: `${message}; verification failed: ${health.message}`,
            });
            return;
          }
          message = `${message}; ${health.message}`;
        }
        Object.assign(record, {
          outcome: result.changed ? 'deployed' : 'unchanged',
          message,
          running: options.digest,
          valuesHash: request.valuesHash,
          revision: result.revision,
        });
      }),
    );
    if (failed) break;
  }
  if (failed && changed.length > 0) {
    options.onProgress?.(`rolling back ${changed.join(', ')}`);
    const undone = await deployer.undo(changed);
    for (const result of undone) {
      const record = records.get(result.cluster)!;
      const request = all.find((r) => r.cluster.name === result.cluster)!;
      if (result.ok) {
        Object.assign(record, {
          outcome: record.outcome === 'failed' ? 'failed' : 'rolled-back',
          message: `${record.message}; ${result.message}`,
          running: request.previous?.running ?? null,
          valuesHash: request.previous?.valuesHash ?? null,
          revision: result.revision ?? request.previous?.revision,
        });
      } else {
        // Unknown state: say so rather than claim what runs there.
        Object.assign(record, { outcome: 'failed', message: `${record.message}; ${result.message}` });
      }
    }
  }
  return { ok: !failed, clusters: [...records.values()] };
}
