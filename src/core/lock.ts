import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

import { EnvironmentError } from './errors.js';

interface Holder {
  pid: number;
  host: string;
  at: string;
  what: string;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * An exclusive lock file (created with O_EXCL). A lock left by a process that no longer runs on
 * this host is taken over; a live holder is waited for up to `waitMs`, then named in the error.
 */
export async function acquireLock(file: string, what: string, waitMs: number): Promise<() => Promise<void>> {
  await mkdir(dirname(file), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
    try {
      const handle = await open(file, 'wx');
      const holder: Holder = { pid: process.pid, host: hostname(), at: new Date().toISOString(), what };
      await handle.writeFile(JSON.stringify(holder));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readFile(file, 'utf8')
      .then((text) => JSON.parse(text) as Holder)
      .catch(() => undefined);
    if (holder && holder.host === hostname() && !alive(holder.pid)) {
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new EnvironmentError(
        `${holder ? `Another ${holder.what} (pid ${holder.pid} on ${holder.host}, since ${holder.at})` : 'Another process'} holds ${file}.`,
        {
          code: 'LOCKED',
          hint: 'Wait for it to finish. If it is gone (e.g. the machine restarted), remove the lock file and run again.',
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
