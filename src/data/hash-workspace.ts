import { sha256File } from './hash-file.js';
import type { HashState } from './hash-state.js';
import { mapLimit } from './pool.js';
import type { TreeFile } from './tree.js';
import type { WorkspaceFile } from './walk.js';

/** Hashes the files (reusing remembered hashes of unchanged files) in parallel. */
export async function hashFiles(
  files: WorkspaceFile[],
  state: HashState,
  options: {
    jobs?: number;
    stateKey: (file: WorkspaceFile) => string;
    onFile?: (file: WorkspaceFile) => void;
  },
): Promise<TreeFile[]> {
  return mapLimit(files, options.jobs ?? 4, async (file) => {
    const key = options.stateKey(file);
    let sha256 = state.lookup(key, file);
    if (!sha256) {
      sha256 = (await sha256File(file.absolute, file.size)).sha256;
      state.remember(key, file, sha256);
    }
    options.onFile?.(file);
    return { path: file.path, sha256, size: file.size };
  });
}
