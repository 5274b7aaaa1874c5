import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { readLock } from '../../src/data/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { bytes, commitAll, data, git, gitInit, project, writeFiles } from './support/project.js';

const many = (count: number, prefix: string, size = 64) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `${prefix}/f${String(i).padStart(4, '0')}.bin`,
      bytes(size, i + 1),
    ]),
  );

function listRemote(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
      else found.push(`${rel}${e.name}`);
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return found.sort();
}

describe('poc data with a local-directory remote', () => {
  it('pushes packs and large objects, marker last; a second push is checked on the remote and uploads nothing', async () => {
    const remote = tempDir();
    const dir = project(
      { type: 'local', path: remote },
      { ...many(50, 'data/small'), 'data/small/big.bin': bytes(300 * 1024, 77) },
    );
    await data('add', dir, ['data/small', '--name', 'small']);
    const push = await data('push', dir, ['--json']);
    expect(push.exitCode).toBe(0);
    expect(push.json?.result).toMatchObject({
      datasets: [{ name: 'small', upToDate: false, uploadFiles: 51 }],
      uploaded: { objects: 1, packs: 1 },
    });
    const keys = listRemote(remote);
    expect(keys.filter((k) => k.startsWith('packs/'))).toHaveLength(2); // one pack and its index
    expect(keys.filter((k) => k.startsWith('objects/'))).toHaveLength(2); // the big file and the tree
    expect(keys.filter((k) => k.startsWith('commits/'))).toHaveLength(1);

    const again = await data('push', dir, ['--json']);
    expect(again.json?.result).toMatchObject({
      datasets: [{ upToDate: true }],
      uploaded: { objects: 0, packs: 0 },
    });

    // "Up to date" is never a cached belief: remove a pack from the remote and push repairs it.
    const pack = keys.find((k) => k.endsWith('.pack')) as string;
    rmSync(join(remote, pack));
    const status = await data('status', dir, ['--remote', '--json']);
    expect(status.exitCode).toBe(1);
    expect(status.json?.result).toMatchObject({ datasets: [{ name: 'small', pushed: false }] });
    const repair = await data('push', dir, ['--json', '--verify']);
    expect(repair.exitCode).toBe(0);
    expect(repair.json?.result).toMatchObject({
      datasets: [{ upToDate: false, uploadFiles: 50 }],
      verified: 3,
    });
    expect(existsSync(join(remote, pack))).toBe(true);
  });

  it('pulls into a fresh clone of the project, verified, and checkout restores a deleted dataset from the cache', async () => {
    const remote = tempDir();
    const files = { ...many(20, 'data/set'), 'data/set/sub/big.bin': bytes(400 * 1024, 5) };
    const dir = project({ type: 'local', path: remote }, files);
    await data('add', dir, ['data/set', '--name', 'set']);
    await data('push', dir);

    const clone = project({ type: 'local', path: remote });
    writeFileSync(join(clone, 'data.lock'), readFileSync(join(dir, 'data.lock')));
    const before = await data('status', clone, ['--json']);
    expect(before.json?.result).toMatchObject({
      clean: false,
      datasets: [{ workspace: 'missing', missingFromCache: 21 }],
    });
    const noCache = await data('checkout', clone);
    expect(noCache.exitCode).toBe(2);
    expect(noCache.stderr).toMatch(/not in the local cache[\s\S]*poc data pull set/);

    const pull = await data('pull', clone, ['--json']);
    expect(pull.exitCode).toBe(0);
    expect(pull.json?.result).toMatchObject({
      fetched: { objects: 1, packs: 1 },
      datasets: [{ name: 'set', action: 'updated' }],
    });
    for (const [path, content] of Object.entries(files))
      expect(readFileSync(join(clone, path)).equals(content)).toBe(true);
    expect((await data('status', clone, ['--remote'])).exitCode).toBe(0);
    expect((await data('verify', clone, ['--remote'])).stdout).toMatch(
      /21 cached objects and 3 remote objects match/,
    );

    // Workspace files are copies the user may edit, never the cache's own inode.
    const big = statSync(join(clone, 'data/set/sub/big.bin'));
    expect(big.mode & 0o200).toBe(0o200);
    rmSync(join(clone, 'data/set'), { recursive: true });
    const restore = await data('checkout', clone);
    expect(restore.exitCode).toBe(0);
    expect(
      readFileSync(join(clone, 'data/set/sub/big.bin')).equals(files['data/set/sub/big.bin'] as Buffer),
    ).toBe(true);
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256')
      .update(files['data/set/sub/big.bin'] as Buffer)
      .digest('hex');
    const cached = statSync(join(clone, '.poc/cache/objects/sha256', sha.slice(0, 2), sha.slice(2)));
    expect(statSync(join(clone, 'data/set/sub/big.bin')).ino).not.toBe(cached.ino);
    expect(cached.mode & 0o222).toBe(0);
  });

  it('will not overwrite workspace changes that are not in the cache without --force', async () => {
    const dir = project({ type: 'local', path: tempDir() }, { 'data/d/a.txt': 'one' });
    await data('add', dir, ['data/d']);
    writeFileSync(join(dir, 'data/d/a.txt'), 'unsaved work');
    const refused = await data('checkout', dir);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/1 change\(s\) that are not in the cache and would be lost: a\.txt/);
    expect(readFileSync(join(dir, 'data/d/a.txt'), 'utf8')).toBe('unsaved work');
    expect((await data('checkout', dir, ['--force'])).exitCode).toBe(0);
    expect(readFileSync(join(dir, 'data/d/a.txt'), 'utf8')).toBe('one');
  });

  it('verify names a hand-edited root hash with its data.lock line, exit 1', async () => {
    const dir = project({ type: 'local', path: tempDir() }, { 'data/d/a.txt': 'one', 'data/d/b.txt': 'two' });
    await data('add', dir, ['data/d']);
    expect((await data('verify', dir)).exitCode).toBe(0);
    const lockText = readFileSync(join(dir, 'data.lock'), 'utf8');
    const root = (await readLock(dir)).datasets.d?.root as string;
    writeFileSync(join(dir, 'data.lock'), lockText.replace(root, `sha256:${'0'.repeat(64)}`));
    const line = lockText.split('\n').findIndex((l) => l.includes(root)) + 1;
    const { exitCode, stdout } = await data('verify', dir);
    expect(exitCode).toBe(1);
    expect(stdout).toContain(
      `data.lock:${line} datasets.d.root: dataset d: sha256:${'0'.repeat(64)} is not in the cache; the workspace at data/d hashes to ${root}`,
    );
  });

  it('refuses to push a version whose files the local cache lacks, exit 2, writing no marker', async () => {
    const remote = tempDir();
    const dir = project({ type: 'local', path: remote }, { 'data/d/a.txt': 'one', 'data/d/b.txt': 'two' });
    await data('add', dir, ['data/d']);
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update('two').digest('hex');
    rmSync(join(dir, '.poc/cache/objects/sha256', sha.slice(0, 2), sha.slice(2)));
    const push = await data('push', dir);
    expect(push.exitCode).toBe(2);
    expect(push.stderr).toMatch(/1 file\(s\) of dataset d are not in the local cache: b\.txt/);
    expect(listRemote(remote).filter((k) => k.startsWith('commits/'))).toEqual([]);
  });

  it('verify names a corrupted cache object', async () => {
    const dir = project({ type: 'local', path: tempDir() }, { 'data/d/a.txt': 'one' });
    await data('add', dir, ['data/d']);
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update('one').digest('hex');
    const object = join(dir, '.poc/cache/objects/sha256', sha.slice(0, 2), sha.slice(2));
    rmSync(object);
    writeFiles(dir, { [`.poc/cache/objects/sha256/${sha.slice(0, 2)}/${sha.slice(2)}`]: 'bit rot' });
    const { exitCode, stdout } = await data('verify', dir);
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/dataset d: cache object of a\.txt is corrupt/);
  });

  it('checks out an older revision from git, logs versions with lineage, and gc keeps what is referenced', async () => {
    const dir = project(
      { type: 'local', path: tempDir() },
      { 'data/train/a.csv': 'x\n1\n', 'model/model.onnx': bytes(200, 1) },
    );
    gitInit(dir);
    commitAll(dir, 'data committed by mistake');
    const warned = await data('add', dir, ['data/train', '--name', 'train']);
    expect(warned.stderr).toContain(
      'git already tracks files under data/train; take them out with "git rm -r --cached data/train"',
    );
    git(dir, 'rm', '-r', '-q', '--cached', 'data/train', 'model');
    expect((await data('add', dir, ['data/train', '--name', 'train'])).stderr).toBe('');
    await data('add', dir, ['model/model.onnx', '--kind', 'model', '--from', 'train']);
    const v1 = commitAll(dir, 'train v1');
    const rootV1 = (await readLock(dir)).datasets.train?.root as string;

    writeFiles(dir, { 'data/train/a.csv': 'x\n1\n2\n', 'data/train/b.csv': 'y\nz\n' });
    await data('add', dir, ['data/train']);
    await data('add', dir, ['model/model.onnx', '--kind', 'model', '--from', 'train']);
    commitAll(dir, 'train v2');
    writeFiles(dir, { 'data/train/a.csv': 'x\n3\n' });
    await data('add', dir, ['data/train']); // uncommitted v3

    const log = await data('log', dir, ['train', '--json']);
    expect(log.exitCode).toBe(0);
    const result = log.json?.result as {
      versions: Array<{ commit?: string; subject?: string; root: string }>;
      usedBy: unknown[];
    };
    expect(result.versions.map((v) => v.subject ?? 'workspace')).toEqual([
      'workspace',
      'train v2',
      'train v1',
    ]);
    expect(result.versions[2]?.root).toBe(rootV1);
    expect(result.usedBy).toHaveLength(2);
    const modelLog = await data('log', dir, ['model/model.onnx']);
    expect(modelLog.stdout).toMatch(/model model \(model\/model\.onnx\)/);
    expect(modelLog.stdout).toMatch(new RegExp(`from train@${rootV1.slice(7, 19)}`));

    const co = await data('checkout', dir, ['train', '--rev', v1, '--force']);
    expect(co.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'data/train/a.csv'), 'utf8')).toBe('x\n1\n');
    expect(existsSync(join(dir, 'data/train/b.csv'))).toBe(false);
    expect((await data('checkout', dir, ['--rev', 'no-such-rev'])).stderr).toMatch(
      /no-such-rev is not a git revision/,
    );

    // keep-revs 1: the workspace lock (v3) and HEAD (v2) stay; v1's own objects go.
    const plan = await data('gc', dir, ['--keep-revs', '1', '--dry-run', '--json']);
    const planned = (plan.json?.result as { removed: { objects: number } }).removed.objects;
    expect(planned).toBe(2); // v1's tree and its a.csv
    const gc = await data('gc', dir, ['--keep-revs', '1', '--json']);
    expect(gc.json?.result).toMatchObject({ removed: { objects: 2 } });
    await data('checkout', dir, ['--force']);
    expect((await data('verify', dir)).exitCode).toBe(0);
    expect((await data('checkout', dir, ['train', '--rev', v1, '--force'])).stderr).toMatch(
      /not in the local cache/,
    );
    // With all revisions kept nothing referenced is removed.
    const keepAll = await data('gc', dir, ['--keep-revs', '10', '--json']);
    expect(keepAll.json?.result).toMatchObject({ removed: { objects: 0 } });
  });
});
