// Benchmarks for `poc audit` (issue 6), measured side by side with peers in one run:
//   1. audit of a generated `poc init` project              budget: <= 1 s
//   2. audit of a synthetic 20,000-file repository           budget: <= 5 s
//   3. two audits of the same tree give byte-identical JSON  budget: always
// The audit is timed in-process (runAudit, a library call, as `poc promote` uses it), median of
// RUNS after one warm-up. Peers walk the same tree: `git ls-files` (the index, no reads) and
// `find -type f` (a directory walk without .git, no reads) as processes, and an in-process Node walk that reads
// every file (the I/O floor the audit cannot beat). Sizes: BENCH_FILES (20000), RUNS (5).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { runAudit } from '../src/audit/index.js';
import { applyPlan, buildContext, planProject } from '../src/scaffold/index.js';

const FILES = Number(process.env.BENCH_FILES ?? 20000);
const RUNS = Number(process.env.RUNS ?? 5);
const work = mkdtempSync(join(tmpdir(), 'poc-bench-audit-'));
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timeAsync(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function timeProcess(command: string, args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Lists and reads every file, skipping .git: what any scanner must at least do. */
async function readEveryFile(dir: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === '.git') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) count += await readEveryFile(path);
    else if (entry.isFile()) {
      await readFile(path);
      count++;
    }
  }
  return count;
}

function write(root: string, path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

/** A large ML monorepo: Python packages, docs, configs, notebooks, manifests; committed to git. */
function syntheticRepo(root: string, files: number): void {
  const kinds = [
    (i: number) => [
      `pkg${i % 40}/sub${i % 13}/module_${i}.py`,
      `"""Module ${i}."""\nimport math\n\n\ndef feature_${i}(x):\n    return math.sqrt(abs(x)) * ${i}\n`,
    ],
    (i: number) => [
      `docs/section${i % 20}/page_${i}.md`,
      `# Page ${i}\n\nNotes on the line ${i % 7} sensors and their calibration.\n`,
    ],
    (i: number) => [
      `configs/env${i % 10}/config_${i}.yaml`,
      `name: config-${i}\nthreshold: 0.${i % 10}\nsensors: [a, b, c]\n`,
    ],
    (i: number) => [
      `schemas/s${i % 10}/schema_${i}.json`,
      `{"type": "object", "properties": {"v${i}": {"type": "number"}}}\n`,
    ],
    (i: number) => [
      `tests/t${i % 20}/test_module_${i}.py`,
      `from pkg0 import module_0\n\ndef test_${i}():\n    assert True\n`,
    ],
  ];
  const weights = [0.7, 0.1, 0.08, 0.04, 0.08];
  let written = 0;
  kinds.forEach((kind, k) => {
    const count = k === kinds.length - 1 ? files - written - 6 : Math.floor(files * weights[k]!);
    for (let i = 0; i < count; i++) {
      const [path, content] = kind(i);
      write(root, path!, content!);
    }
    written += count;
  });
  write(root, 'README.md', '# Big ML repo\n');
  write(root, 'Dockerfile', 'FROM python:3.12-slim\nUSER 10001\n');
  write(root, 'requirements.txt', 'numpy==2.1.0\n');
  write(
    root,
    'serve.py',
    'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/healthz")\ndef h():\n    return {}\n',
  );
  write(
    root,
    'train.ipynb',
    JSON.stringify({
      cells: [{ cell_type: 'code', source: ['model.fit(X)\n'] }],
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
    }),
  );
  write(
    root,
    '.github/workflows/ci.yml',
    'on: [push]\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n',
  );
  spawnSync('git', ['init', '-q', root]);
  spawnSync('git', ['-C', root, 'add', '-A'], { env: GIT_ENV });
  // No background gc: it would delete object directories while the peers walk the tree.
  spawnSync('git', ['-C', root, '-c', 'gc.auto=0', 'commit', '-q', '-m', 'synthetic'], { env: GIT_ENV });
}

async function measure(label: string, root: string, budget: number): Promise<boolean> {
  await runAudit(root); // warm-up: module load and file cache
  const audit: number[] = [];
  const git: number[] = [];
  const find: number[] = [];
  const read: number[] = [];
  let files = 0;
  for (let i = 0; i < RUNS; i++) {
    audit.push(await timeAsync(async () => (files = (await runAudit(root)).scanned.files)));
    git.push(timeProcess('git', ['-C', root, 'ls-files']));
    find.push(timeProcess('find', [root, '-path', '*/.git', '-prune', '-o', '-type', 'f', '-print']));
    read.push(await timeAsync(() => readEveryFile(root)));
  }
  const a = median(audit);
  console.log(`\n${label}: ${files} files, median of ${RUNS}`);
  console.log(
    `  poc audit (in-process)       ${a.toFixed(3)} s   budget ${budget} s: ${a <= budget ? 'PASS' : 'FAIL'}`,
  );
  for (const [name, samples] of [
    ['git ls-files (process)', git],
    ['find (process)', find],
    ['read every file (node)', read],
  ] as const)
    console.log(
      `  ${name.padEnd(28)} ${median(samples).toFixed(3)} s   audit/peer ${(a / median(samples)).toFixed(1)}x`,
    );
  return a <= budget;
}

let ok = true;
try {
  const project = join(work, 'line-3');
  await applyPlan(await planProject(buildContext({ name: 'line-3' })), project);
  spawnSync('git', ['init', '-q', project]);
  spawnSync('git', ['-C', project, 'add', '-A'], { env: GIT_ENV });
  ok = (await measure('generated poc init project', project, 1)) && ok;

  const big = join(work, 'synthetic');
  syntheticRepo(big, FILES);
  ok = (await measure(`synthetic ${FILES}-file repository`, big, 5)) && ok;

  const first = JSON.stringify(await runAudit(big), null, 2);
  const second = JSON.stringify(await runAudit(big), null, 2);
  const identical = first === second;
  console.log(
    `\nbyte-identical JSON across two runs (${first.length} bytes): ${identical ? 'PASS' : 'FAIL'}`,
  );
  ok = identical && ok;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;
