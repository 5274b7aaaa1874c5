import { acquireLock } from '../core/lock.js';
import { dataPaths } from './paths.js';

/**
 * Serialises the short read-modify-write of data.lock, the hash state and the workspace between
 * poc processes on one repository; a lock left by a killed process is taken over.
 */
export async function withRepoLock<T>(root: string, work: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const unlock = await acquireLock(dataPaths(root).mutex, 'poc data command', timeoutMs);
  try {
    return await work();
  } finally {
    await unlock();
  }
}
