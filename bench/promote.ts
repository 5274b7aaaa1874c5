/**
 * Budgets of issue 8, measured side by side with a peer in the same run (DESIGN.md: benchmarks
 * print ratios; tests never time anything):
 *   - the plan for 20 clusters (poc promote ENV --dry-run) <= 2 s
 *   - a gitops promotion of 20 clusters <= 10 s
 * Peers: for the plan, the git reads it needs (status, log, branch --contains) run as plain git;
 * for the promotion, plain git doing the same work: clone the environment repo, write the same
 * 40 files, one commit and push per wave.
 * Run: npm run bench:promote   (RUNS=5 by default)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { promote } from '../src/promote/index.js';

const RUNS = Number(process.env.RUNS ?? 5);
const CLUSTERS = 20;
const identity = {
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
};
Object.assign(process.env, identity);
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

function project(base: string, maxParallel: number) {
  const root = join(base, 'project');
  const origin = join(base, 'origin.git');
  const envRepo = join(base, 'envs.git');
  const clusters = Array.from(
    { length: CLUSTERS },
    (_, i) =>
      `      - name: plant-${i + 1}\n        facility: f${i % 5}\n        values: [deploy/values-production.yaml, deploy/values-f${i % 5}.yaml]`,
  ).join('\n');
  const files: Record<string, string> = {
    'poc.yaml': `project:\n  name: line-3\nmodel:\n  path: model/model.onnx\ndeploy:\n  chart: chart\n  image: registry.example/line-3\ngates:\n  minAuditScore: 0\n  benchRequired: false\n  dataPushed: false\nenvironments:\n  - name: production\n    deployer: gitops\n    maxParallel: ${maxParallel}\n    gitops:\n      repo: ${envRepo}\n      path: clusters/{facility}/{cluster}\n    clusters:\n${clusters}\n`,
    'model/model.onnx': 'x'.repeat(1 << 20),
    'chart/Chart.yaml': 'apiVersion: v2\nname: line-3\nversion: 1.0.0\n',
    'chart/values.yaml': Array.from({ length: 200 }, (_, i) => `key${i}: { a: ${i}, b: "v${i}" }`).join('\n'),
    'deploy/values-production.yaml': 'replicaCount: 2\n',
    ...Object.fromEntries(
      Array.from({ length: 5 }, (_, i) => [`deploy/values-f${i}.yaml`, `facility: f${i}\n`]),
    ),
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin]);
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', envRepo]);
  git(root, 'init', '-q', '-b', 'main');
  writeFileSync(join(root, '.gitignore'), '.poc/\n');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'pilot');
  git(root, 'remote', 'add', 'origin', origin);
  git(root, 'push', '-q', 'origin', 'main');
  return { root, envRepo };
}

const options = (root: string, dryRun: boolean) => ({
  dir: root,
  env: 'production',
  dryRun,
  imageDigest: `sha256:${'ab'.repeat(32)}`,
  timeout: '5m',
  verifyTimeoutMs: 1000,
});

/** What plain git does for the same promotion: clone, write the files, commit and push per wave. */
function plainGitPromotion(base: string, envRepo: string, maxParallel: number, valuesDir: string) {
  const dir = join(base, `plain-${Date.now()}`);
  git(base, 'clone', '-q', envRepo, dir);
  for (let i = 0; i < CLUSTERS; i += maxParallel) {
    for (let j = i; j < Math.min(CLUSTERS, i + maxParallel); j++) {
      const path = join(dir, 'plain', `f${j % 5}`, `plant-${j + 1}`);
      mkdirSync(path, { recursive: true });
      writeFileSync(join(path, 'values.yaml'), readFileSync(join(valuesDir, `v${j}.yaml`)));
      writeFileSync(join(path, 'bundle.json'), JSON.stringify({ bundle: `${Date.now()}-${j}` }));
    }
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `plain wave ${i}`);
    git(dir, 'push', '-q', 'origin', 'HEAD:refs/heads/main');
  }
  rmSync(dir, { recursive: true, force: true });
}

async function timed(fn: () => unknown | Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const base = mkdtempSync(join(tmpdir(), 'poc-bench-promote-'));
try {
  const rows: string[][] = [];
  let failed = false;
  for (const maxParallel of [1, 20]) {
    const { root, envRepo } = project(join(base, `p${maxParallel}`), maxParallel);
    const valuesDir = join(base, `values${maxParallel}`);
    mkdirSync(valuesDir);
    for (let j = 0; j < CLUSTERS; j++)
      writeFileSync(join(valuesDir, `v${j}.yaml`), readFileSync(join(root, 'chart/values.yaml')));
    await promote(options(root, true)); // warm-up: module imports and file cache, not counted
    const plan: number[] = [];
    const planPeer: number[] = [];
    const apply: number[] = [];
    const applyPeer: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      plan.push(await timed(() => promote(options(root, true))));
      planPeer.push(
        await timed(() => {
          git(root, 'status', '--porcelain');
          git(root, 'log', '-1', '--format=%H');
          git(root, 'branch', '-r', '--contains', 'HEAD');
        }),
      );
      // a new commit each run, so each promotion really changes all 20 clusters
      writeFileSync(join(root, 'deploy/values-production.yaml'), `replicaCount: ${run + 3}\n`);
      git(root, 'commit', '-q', '-am', `run ${run}`);
      git(root, 'push', '-q', 'origin', 'main');
      apply.push(
        await timed(async () => {
          const result = await promote(options(root, false));
          if (result.status !== 'succeeded') throw new Error(`promotion ${result.status}`);
        }),
      );
      applyPeer.push(await timed(() => plainGitPromotion(base, envRepo, maxParallel, valuesDir)));
    }
    const budgets = [
      [`plan, ${CLUSTERS} clusters (max-parallel ${maxParallel})`, median(plan), median(planPeer), 2000],
      [
        `gitops promotion, ${CLUSTERS} clusters (max-parallel ${maxParallel})`,
        median(apply),
        median(applyPeer),
        10000,
      ],
    ] as const;
    for (const [name, ours, peer, budget] of budgets) {
      if (ours > budget) failed = true;
      rows.push([
        name,
        ours.toFixed(0),
        peer.toFixed(0),
        (ours / peer).toFixed(2),
        `${budget}`,
        ours <= budget ? 'ok' : 'OVER',
      ]);
    }
  }
  console.log(`promote: median of ${RUNS} runs (ms); peer = plain git doing the same work`);
  console.log(['measure', 'poc', 'peer', 'ratio', 'budget', ''].join('\t'));
  for (const row of rows) console.log(row.join('\t'));
  if (failed) process.exitCode = 1;
} finally {
  rmSync(base, { recursive: true, force: true });
}
