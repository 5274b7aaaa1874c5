/**
 * Serving budget (issue 4): the generated project's own load test (`npm run load-test`,
 * autocannon at a fixed request rate) against its baseline model, per use case. Budget: the
 * SLA percentile <= half the SLA bound, zero errors. The peer measured in the same run is the
 * same server's /healthz under the same load (the bare fastify stack, no model): the ratio shows
 * what validation, features, the model and the review/prediction stores add.
 *
 *   npx tsx bench/runtime-load.ts [--rate 100] [--duration 20]
 *
 * Generates each project through the init engine and runs `npm ci` (npm registry or cache).
 */
import { rm } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type { UseCase } from '../src/scaffold/index.js';
import { generateProject, installProject, run } from '../test/runtime/support/generate.js';

const { values } = parseArgs({
  options: { rate: { type: 'string', default: '100' }, duration: { type: 'string', default: '20' } },
});

interface LoadReport {
  endpoint: string;
  achievedRate: number;
  requests: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  sla: string;
  budgetMs: number;
  pass: boolean;
}

async function loadTest(dir: string, endpoint: string): Promise<LoadReport> {
  const args = [
    'run',
    'load-test',
    '--silent',
    '--',
    '--rate',
    values.rate!,
    '--duration',
    values.duration!,
    '--endpoint',
    endpoint,
  ];
  // The load test exits 1 when the budget is missed; its report is on stdout either way.
  const result = await run('npm', args, { cwd: dir, maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as LoadReport;
}

const rows: string[] = [];
for (const useCase of ['quality-inspection', 'predictive-maintenance'] as UseCase[]) {
  const dir = await generateProject(useCase);
  try {
    await installProject(dir);
    const peer = await loadTest(dir, 'healthz');
    const predict = await loadTest(dir, 'predict');
    const ratio = predict.p95Ms / peer.p95Ms;
    rows.push(
      `${useCase.padEnd(24)} ${String(predict.achievedRate).padStart(6)} rps  p50 ${predict.p50Ms.toFixed(2)} ms  ` +
        `p95 ${predict.p95Ms.toFixed(2)} ms  p99 ${predict.p99Ms.toFixed(2)} ms  errors ${predict.errors}  ` +
        `budget ${predict.sla} / 2 = ${predict.budgetMs} ms -> ${predict.pass ? 'PASS' : 'MISS'}  ` +
        `| /healthz p95 ${peer.p95Ms.toFixed(2)} ms, predict/healthz p95 ratio ${ratio.toFixed(2)}x`,
    );
  } finally {
    await rm(dirname(dir), { recursive: true, force: true });
  }
}
// Latency tails on a shared machine follow its load: print it with the figures.
process.stdout.write(
  `${rows.join('\n')}\nmachine: ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);
