import { Worker } from 'node:worker_threads';

import { InternalError, UserError } from '../../core/errors.js';
import type { FeedData } from '../inputs/feed.js';
import { ortEntry } from '../ort.js';
import { toOrtSessionOptions, type SessionProfile } from '../session-options.js';
import type { RunnerPool } from './runner-pool.js';
import { workerSource } from './worker-source.js';

interface WorkerMessage {
  type: 'ready' | 'done' | 'error';
  serviceNs?: number;
  message?: string;
}

/**
 * Starts `size` worker threads, each with its own session of the model and one first inference
 * done (the caller warms them up further).
 */
export async function startWorkerPool(
  model: Uint8Array,
  profile: SessionProfile,
  feeds: FeedData[],
  size: number,
): Promise<RunnerPool> {
  const workerData = {
    ortEntry: ortEntry(),
    model,
    sessionOptions: toOrtSessionOptions(profile),
    feeds,
    warmupRuns: 1,
  };
  const workers = Array.from({ length: size }, () => new Worker(workerSource, { eval: true, workerData }));
  const pending = new Map<Worker, { resolve: (ns: number) => void; reject: (error: Error) => void }>();
  const ready = workers.map(
    (worker) =>
      new Promise<void>((resolve, reject) => {
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'ready') resolve();
          else if (message.type === 'done') {
            const waiter = pending.get(worker);
            pending.delete(worker);
            waiter?.resolve(message.serviceNs ?? 0);
          } else {
            const error = new UserError(`A bench worker could not run the model: ${message.message}`, {
              code: 'MODEL_INVALID',
            });
            reject(error);
            pending.get(worker)?.reject(error);
          }
        });
        worker.on('error', (error) => {
          const wrapped = new InternalError(`A bench worker failed: ${error.message}`, { cause: error });
          reject(wrapped);
          pending.get(worker)?.reject(wrapped);
        });
      }),
  );
  const close = async () => {
    await Promise.all(workers.map((worker) => worker.terminate()));
  };
  try {
    await Promise.all(ready);
  } catch (error) {
    await close();
    throw error;
  }
  const idle = [...workers];
  return {
    size,
    submit() {
      const worker = idle.pop();
      if (!worker)
        return Promise.reject(new InternalError('bench submitted more requests than it has workers'));
      return new Promise<number>((resolve, reject) => {
        pending.set(worker, {
          resolve: (ns) => {
            idle.push(worker);
            resolve(ns);
          },
          reject,
        });
        worker.postMessage({ type: 'run' });
      });
    },
    close,
  };
}
