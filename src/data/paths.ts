import { join } from 'node:path';

/** The lock file, committed in git next to poc.yaml. */
export const LOCK_FILE = 'data.lock';

/** Where poc data keeps its state inside a project: all of it under .poc/, none of it in git. */
export function dataPaths(root: string) {
  const cache = join(root, '.poc', 'cache');
  return {
    lockFile: join(root, LOCK_FILE),
    cache,
    objects: join(cache, 'objects', 'sha256'),
    packIndexes: join(cache, 'packs'),
    tmp: join(root, '.poc', 'tmp'),
    stateFile: join(root, '.poc', 'data-state.json'),
    mutex: join(root, '.poc', 'data.mutex'),
  };
}

/** Sharded by the first two hex digits, as git and DVC do, so no directory grows too large. */
export function objectPath(root: string, sha256: string): string {
  return join(dataPaths(root).objects, sha256.slice(0, 2), sha256.slice(2));
}
