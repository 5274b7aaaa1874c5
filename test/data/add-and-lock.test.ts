import { existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

import { readLock } from '../../src/data/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { bytes, data, project } from './support/project.js';

const local = () => ({ type: 'local' as const, path: tempDir() });

describe('poc data add', () => {
  it('hashes a directory into the read-only cache and records it in data.lock with a schema summary', async () => {
    const dir = project(local(), {
      'data/train/readings.csv': 'sensor,value,ok\ns1,1.5,true\ns2,2,false\ns3,,true\n',
      'data/train/labels.jsonl': '{"id":1,"label":"scratch"}\n{"id":2,"label":"dent","score":0.5}\n',
      'data/train/images/a.bin': bytes(1000, 1),
    });
    const { exitCode, stdout, stderr } = await data('add', dir, ['data/train', '--name', 'train']);
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/train\s+data\/train\s+[0-9a-f]{12}\s+3 files/);

    const lock = parse(readFileSync(join(dir, 'data.lock'), 'utf8'));
    const entry = lock.datasets.train;
    expect(entry).toMatchObject({ path: 'data/train', kind: 'dataset', type: 'dir', files: 3 });
    expect(entry.root).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(entry.bytes).toBe(
      ['data/train/readings.csv', 'data/train/labels.jsonl', 'data/train/images/a.bin'].reduce(
        (s, p) => s + statSync(join(dir, p)).size,
        0,
      ),
    );
    expect(entry.schema).toEqual([
      {
        file: 'labels.jsonl',
        format: 'jsonl',
        rows: 2,
        columns: [
          { name: 'id', type: 'integer' },
          { name: 'label', type: 'string' },
          { name: 'score', type: 'number' },
        ],
      },
      {
        file: 'readings.csv',
        format: 'csv',
        rows: 3,
        columns: [
          { name: 'sensor', type: 'string' },
          { name: 'value', type: 'number' },
          { name: 'ok', type: 'boolean' },
        ],
      },
    ]);

    // The cache holds each file under its sha256, sharded, read-only.
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(bytes(1000, 1)).digest('hex');
    const object = join(dir, '.poc/cache/objects/sha256', sha.slice(0, 2), sha.slice(2));
    expect(readFileSync(object).equals(bytes(1000, 1))).toBe(true);
    expect(statSync(object).mode & 0o222).toBe(0);

    // .gitignore keeps the data (and the cache) out of git.
    const ignore = readFileSync(join(dir, '.gitignore'), 'utf8');
    expect(ignore).toContain('/data/train\n');
    expect(ignore).toContain('/.poc/cache/\n');
  });

  it('gives the same root for the same content and a new one after a change; adding again is idempotent', async () => {
    const dir = project(local(), { 'd/a.txt': 'a', 'd/b.txt': 'b' });
    await data('add', dir, ['d']);
    const first = (await readLock(dir)).datasets.d?.root;
    const again = await data('add', dir, ['d', '--json']);
    expect(again.json?.result).toMatchObject({ datasets: [{ name: 'd', changed: false }] });
    writeFileSync(join(dir, 'd/b.txt'), 'B');
    await data('add', dir, ['d']);
    expect((await readLock(dir)).datasets.d?.root).not.toBe(first);
    // The user's own .gitignore lines survive and the managed block appears once.
    writeFileSync(join(dir, '.gitignore'), `node_modules/\n${readFileSync(join(dir, '.gitignore'), 'utf8')}`);
    await data('add', dir, ['d']);
    const ignore = readFileSync(join(dir, '.gitignore'), 'utf8');
    expect(ignore.startsWith('node_modules/\n')).toBe(true);
    expect(ignore.match(/>>> poc data/g)).toHaveLength(1);
  });

  it('adds every dataset declared in poc.yaml when no path is given', async () => {
    const dir = project(local(), { 'data/a/x.txt': 'x', 'data/b.csv': 'h\n1\n' });
    writeFileSync(
      join(dir, 'poc.yaml'),
      `${readFileSync(join(dir, 'poc.yaml'), 'utf8')}  datasets:\n    - name: alpha\n      path: data/a\n    - name: beta\n      path: data/b.csv\n`,
    );
    const { exitCode } = await data('add', dir);
    expect(exitCode).toBe(0);
    const lock = await readLock(dir);
    expect(Object.keys(lock.datasets)).toEqual(['alpha', 'beta']);
    expect(lock.datasets.beta).toMatchObject({
      type: 'file',
      files: 1,
      schema: [{ file: 'b.csv', rows: 1, columns: [{ name: 'h', type: 'integer' }] }],
    });
  });

  it('records which dataset versions produced a model', async () => {
    const dir = project(local(), {
      'data/train/a': '1',
      'data/val/b': '2',
      'model/model.onnx': bytes(300, 9),
    });
    await data('add', dir, ['data/train', 'data/val']);
    const { exitCode } = await data('add', dir, [
      'model/model.onnx',
      '--kind',
      'model',
      '--from',
      'train,val',
    ]);
    expect(exitCode).toBe(0);
    const lock = await readLock(dir);
    expect(lock.datasets.model).toMatchObject({
      kind: 'model',
      type: 'file',
      from: [
        { name: 'train', root: lock.datasets.train?.root },
        { name: 'val', root: lock.datasets.val?.root },
      ],
    });
    const unknown = await data('add', dir, ['model/model.onnx', '--kind', 'model', '--from', 'test']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('--from test: no dataset of that name');
  });

  it('refuses a path outside the project, exit 2, and writes nothing', async () => {
    const outside = tempDir({ 'x.csv': 'a\n1\n' });
    const dir = project(local());
    const { exitCode, stderr } = await data('add', dir, [join(outside, 'x.csv')]);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/is outside the project/);
    expect(existsSync(join(dir, 'data.lock'))).toBe(false);
    expect(existsSync(join(dir, '.gitignore'))).toBe(false);
  });

  it('names a symbolic link loop instead of hanging, exit 2', async () => {
    const dir = project(local(), { 'data/d/a.txt': 'a' });
    symlinkSync('..', join(dir, 'data/d/loop'));
    const { exitCode, stderr } = await data('add', dir, ['data/d']);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/data\/d\/loop\S* is a symbolic link loop/);
    expect(existsSync(join(dir, 'data.lock'))).toBe(false);
  });

  it('rejects a missing path and a bad name with exit 2', async () => {
    const dir = project(local(), { 'a.txt': 'a' });
    expect((await data('add', dir, ['nope'])).stderr).toMatch(/nope does not exist/);
    const bad = await data('add', dir, ['a.txt', '--name', 'Bad_Name']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--name Bad_Name is not a valid name/);
  });

  it('rejects a hand-broken data.lock with its location', async () => {
    const dir = project(local(), { 'a.txt': 'a' });
    await data('add', dir, ['a.txt']);
    writeFileSync(
      join(dir, 'data.lock'),
      readFileSync(join(dir, 'data.lock'), 'utf8').replace(/files: 1/, 'files: many'),
    );
    const { exitCode, stderr } = await data('status', dir);
    expect(exitCode).toBe(2);
    expect(stderr).toMatch(/data\.lock:\d+ datasets\.a\.files/);
  });
});
