import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { tempDir } from '../helpers/temp-dir.js';
import { bytes, data, pocYaml, project, writeFiles } from './support/project.js';

// A real full disk: a 3 MiB tmpfs, where this machine lets the test mount one (root in a
// container with CAP_SYS_ADMIN). Elsewhere the test is skipped, and says so, rather than faked.
const mountPoint = mkdtempSync(join(tmpdir(), 'poc-tmpfs-'));
const mounted =
  spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint], { stdio: 'ignore' }).status === 0;

afterAll(() => {
  if (mounted) spawnSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe('a disk that fills up during pull', () => {
  it.skipIf(!mounted)(
    'fails with exit 4, leaves the workspace as it was and no partial files behind',
    async () => {
      const remote = tempDir();
      const files: Record<string, Buffer> = {};
      for (let i = 0; i < 6; i++) files[`data/d/part${i}.bin`] = bytes(1024 * 1024, i + 1);
      const source = project({ type: 'local', path: remote }, files);
      await data('add', source, ['data/d', '--name', 'd']);
      expect((await data('push', source)).exitCode).toBe(0);

      const small = join(mountPoint, 'project');
      mkdirSync(small);
      writeFiles(small, {
        'poc.yaml': pocYaml({ type: 'local', path: remote }),
        'data/d/part0.bin': 'yesterday',
      });
      writeFileSync(join(small, 'data.lock'), readFileSync(join(source, 'data.lock')));

      const pull = await data('pull', small, ['--force', '--json']);
      expect(pull.exitCode).toBe(4);
      expect(pull.json?.error).toMatchObject({ code: 'DATA_DISK_FULL' });
      expect(pull.json?.error?.message).toMatch(/the workspace was not changed/);
      expect(readdirSync(join(small, 'data/d'))).toEqual(['part0.bin']);
      expect(readFileSync(join(small, 'data/d/part0.bin'), 'utf8')).toBe('yesterday');
      expect(readdirSync(join(small, '.poc/tmp'))).toEqual([]);
      rmSync(small, { recursive: true });
    },
  );

  it.skipIf(!mounted)(
    'when the download fits but staging the new version does not, the old version stays',
    async () => {
      const remote = tempDir();
      const files = { 'data/d/a.bin': bytes(800 * 1024, 1), 'data/d/b.bin': bytes(800 * 1024, 2) };
      const source = project({ type: 'local', path: remote }, files);
      await data('add', source, ['data/d', '--name', 'd']);
      expect((await data('push', source)).exitCode).toBe(0);

      const small = join(mountPoint, 'staging');
      mkdirSync(small);
      writeFiles(small, {
        'poc.yaml': pocYaml({ type: 'local', path: remote }),
        'data/d/a.bin': 'yesterday',
      });
      writeFileSync(join(small, 'data.lock'), readFileSync(join(source, 'data.lock')));
      const pull = await data('pull', small, ['--force', '--json']);
      expect(pull.json?.error).toMatchObject({ code: 'DATA_DISK_FULL' });
      expect(readdirSync(join(small, 'data/d'))).toEqual(['a.bin']);
      expect(readFileSync(join(small, 'data/d/a.bin'), 'utf8')).toBe('yesterday');
      expect(readdirSync(join(small, '.poc/tmp'))).toEqual([]);
      // The download did fit: both files and the tree are in the cache, so staging is what failed.
      const cached = readdirSync(join(small, '.poc/cache/objects/sha256'), {
        recursive: true,
        withFileTypes: true,
      });
      expect(cached.filter((e) => e.isFile())).toHaveLength(3);
    },
  );
});
