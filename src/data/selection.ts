import { UserError } from '../core/errors.js';
import type { DataLock, LockEntry } from './lock-file.js';

/** The named datasets of a lock (all when none are named), each checked to exist. */
export function selectEntries(
  lock: DataLock,
  names: string[] | undefined,
): Array<{ name: string; entry: LockEntry }> {
  const all = Object.keys(lock.datasets).sort();
  const wanted = names?.length ? names : all;
  return wanted.map((name) => {
    const entry = lock.datasets[name];
    if (!entry) {
      throw new UserError(`No dataset named ${name} in data.lock.`, {
        code: 'DATA_UNKNOWN_DATASET',
        hint: all.length ? `Known datasets: ${all.join(', ')}.` : 'Add one first: "poc data add data/train".',
      });
    }
    return { name, entry };
  });
}
