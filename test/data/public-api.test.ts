import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { dataEvidence, lineageOf, remoteStatus } from '../../src/data/index.js';
import { parseManifest, type Manifest } from '../../src/manifest/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { bytes, data, project } from './support/project.js';

const manifestOf = (dir: string) =>
  parseManifest(readFileSync(join(dir, 'poc.yaml'), 'utf8'), 'poc.yaml').manifest as Manifest;

describe('what audit and promote read through src/data/index.ts', () => {
  it('reports lineage of the model and whether every version is on the remote, checked now', async () => {
    const remote = tempDir();
    const dir = project(
      { type: 'local', path: remote },
      { 'data/train/a.csv': 'x\n1\n', 'model/model.onnx': bytes(100, 3) },
    );
    await data('add', dir, ['data/train', '--name', 'train']);
    await data('add', dir, ['model/model.onnx', '--kind', 'model', '--from', 'train']);
    const manifest = manifestOf(dir);

    expect(await remoteStatus(dir, manifest)).toMatchObject({ pushed: false, unpushed: ['model', 'train'] });
    await data('push', dir, ['train']);
    expect(await remoteStatus(dir, manifest)).toMatchObject({ pushed: false, unpushed: ['model'] });
    await data('push', dir);

    const evidence = await dataEvidence(dir, manifest);
    expect(evidence.pushed).toBe(true);
    expect(evidence.unpushed).toEqual([]);
    expect(evidence.lineage).toMatchObject({
      name: 'model',
      path: 'model/model.onnx',
      kind: 'model',
      from: [{ name: 'train', path: 'data/train', files: 1, current: true }],
    });

    // Retraining data changes without re-adding the model: the lineage says the input moved on.
    writeFileSync(join(dir, 'data/train/a.csv'), 'x\n2\n');
    await data('add', dir, ['data/train']);
    expect((await lineageOf(dir, 'model'))?.from[0]?.current).toBe(false);
    expect(await lineageOf(dir, 'nothing/here.onnx')).toBeUndefined();
  });

  it('push --dry-run prints the plan and uploads nothing', async () => {
    const remote = tempDir();
    const dir = project(
      { type: 'local', path: remote },
      { 'data/d/a.txt': 'a', 'data/d/b.bin': bytes(300 * 1024, 1) },
    );
    await data('add', dir, ['data/d']);
    const { exitCode, json } = await data('push', dir, ['--dry-run', '--json']);
    expect(exitCode).toBe(0);
    expect(json?.result).toMatchObject({
      dryRun: true,
      datasets: [{ name: 'd', upToDate: false, uploadFiles: 2 }],
    });
    expect(existsSync(join(remote, 'commits'))).toBe(false);
    expect(existsSync(join(remote, 'objects'))).toBe(false);
  });

  it('status lists datasets declared in poc.yaml but not added yet, exit 1', async () => {
    const dir = project({ type: 'local', path: tempDir() }, { 'data/a/x': 'x' });
    writeFileSync(
      join(dir, 'poc.yaml'),
      `${readFileSync(join(dir, 'poc.yaml'), 'utf8')}  datasets:\n    - name: alpha\n      path: data/a\n`,
    );
    const { exitCode, stdout } = await data('status', dir);
    expect(exitCode).toBe(1);
    expect(stdout).toMatch(/alpha\s+data\/a\s+-\s+not-added/);
  });
});
