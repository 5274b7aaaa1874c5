import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';

import { generateProject } from '../helpers/generate-project.js';

it('the generated .gitignore keeps data, runtime records and secrets out of git, but not the layout (real git)', async () => {
  const { dir } = await generateProject();
  const strays = [
    'data/raw/part-0001.png',
    'data/labelled/labels.csv',
    'data/evaluation/set.parquet',
    'data/training/raw.jsonl',
    'data/new-dataset/x.bin',
    'var/raw/telemetry.jsonl',
    '.env',
    'kubeconfig',
    'secrets/tls.key',
    'node_modules/x/index.js',
    'dist/server.js',
    'poc-audit.sarif',
  ];
  for (const file of strays) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), 'x');
  }
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('add', '-A');
  const tracked = git('ls-files').trim().split('\n');
  for (const file of strays) expect(tracked, file).not.toContain(file);
  for (const file of ['data/README.md', 'data/raw/.gitkeep', 'data/labelled/.gitkeep', 'data/evaluation/.gitkeep']) {
    expect(tracked, file).toContain(file);
  }
  expect(tracked).toContain('model/model.onnx');
  expect(tracked).toContain('.poc/files.lock');
});
