import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

import { EnvironmentError } from '../core/errors.js';
import { dataPaths } from './paths.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Serialises the short read-modify-write of data.lock, the hash state and the workspace between
 * poc processes on one repository. The lock file holds the owner's pid, so a lock left by a
 * killed process is recognised and taken over instead of blocking forever.
 */
export async function withRepoLock<T>(root: string, work: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  const file = dataPaths(root).mutex;
  await mkdir(dirname(file), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
        await rm(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new EnvironmentError(`Another poc data command (pid ${owner || 'unknown'}) holds ${file}.`, {
          code: 'DATA_LOCKED',
          hint: 'Wait for it to finish; if no such process runs, delete the file.',
        });
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  try {
    return await work();
  } finally {
    await rm(file, { force: true });
  }
}
