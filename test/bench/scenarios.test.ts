import { describe, expect, it } from 'vitest';

import Bench from '../../src/commands/bench.js';
import type { BenchEvidence } from '../../src/bench/index.js';
import { closedLoop } from '../../src/bench/scenarios/closed-loop.js';
import { openLoop } from '../../src/bench/scenarios/open-loop.js';
import { inThreadPool } from '../../src/bench/scenarios/runner-pool.js';
import { seededRandom } from '../../src/bench/stats/random.js';
import { modelFile } from '../fixtures/models/model-cache.js';
import { cnn, mlp } from '../fixtures/models/test-models.js';
import { runCommand } from '../helpers/run-command.js';

const quick = ['--warmup', '3', '--noise-limit', '100000', '--json'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('server and offline scenarios', () => {
  it('serves Poisson arrivals from worker threads and reports response, service and dispatch times', async () => {
    const model = await modelFile(mlp());
    const out = await runCommand(Bench, [
      model,
      '--scenario',
      'server',
      '--rate',
      '150',
      '--workers',
      '2',
      '--sla-ms',
      '1000',
      '--max-duration',
      '4',
      ...quick,
    ]);
    expect(out.exitCode, out.stderr).toBe(0);
    const result = out.json?.result as BenchEvidence;
    expect(result.scenario).toBe('server');
    expect(result.server).toMatchObject({ rateRps: 150, workers: 2 });
    expect(result.samples).toBeGreaterThanOrEqual(100);
    // Response time runs from the scheduled arrival, so it can never be below the service time.
    expect(result.latencyMs.p50).toBeGreaterThanOrEqual(result.server?.serviceMs.min as number);
  });

  it('needs a rate for the server scenario', async () => {
    const out = await runCommand(Bench, [
      await modelFile(mlp()),
      '--scenario',
      'server',
      '--sla-ms',
      '10',
      ...quick,
    ]);
    expect(out.exitCode).toBe(2);
    expect(out.json?.error?.hint).toMatch(/--rate/);
  });

  it('sweeps concurrency levels offline and reports throughput per level', async () => {
    const model = await modelFile(cnn(16, 4));
    const out = await runCommand(Bench, [
      model,
      '--scenario',
      'offline',
      '--concurrency',
      '1,2',
      '--sla-ms',
      '1000',
      '--max-duration',
      '2',
      ...quick,
    ]);
    expect([0, 3], out.stderr).toContain(out.exitCode);
    const levels = (out.json?.result as BenchEvidence).offline?.levels ?? [];
    expect(levels.map((level) => level.concurrency)).toEqual([1, 2]);
    for (const level of levels) {
      expect(level.samples).toBeGreaterThan(0);
      expect(level.throughputRps).toBeGreaterThan(0);
    }
  });
});

describe('coordinated omission', () => {
  // A stand-in runner (not onnxruntime): instant, except one 150 ms stall on the 5th call (node
  // timers may fire a millisecond early against the high-resolution clock, hence 140 ms below). The
  // open-loop assertion is a lower bound that a loaded machine only makes easier to meet.
  function stallingRunner() {
    let calls = 0;
    return async () => {
      calls++;
      if (calls === 5) await sleep(150);
    };
  }

  it('charges a stall to every request scheduled during it in the open loop', async () => {
    const result = await openLoop(inThreadPool(stallingRunner()), 100, seededRandom(5), {
      maxDurationMs: 60_000,
      maxSamples: 60,
      minSamples: 1_000_000,
      confidence: 0.95,
    });
    expect(result.response.length).toBe(60);
    const sorted = result.response.sorted();
    // Arrivals every ~10 ms keep coming during a 150 ms stall: many requests wait for it.
    const delayed = sorted.filter((ns) => ns > 50e6).length;
    expect(delayed).toBeGreaterThanOrEqual(5);
    expect(result.service.sorted().filter((ns) => ns >= 140e6).length).toBe(1);
  });

  it('records requests an overloaded runner never served with their wait so far', async () => {
    // 200 arrivals a second for 0.3 s into one runner that takes 50 ms: most must wait.
    const result = await openLoop(
      inThreadPool(() => sleep(50)),
      200,
      seededRandom(9),
      { maxDurationMs: 300, maxSamples: 1_000_000, minSamples: 1_000_000, confidence: 0.95 },
      () => {},
      100,
    );
    expect(result.unserved).toBeGreaterThan(0);
    expect(result.response.length).toBe(result.service.length + result.unserved);
    expect(result.response.sorted().at(-1)).toBeGreaterThanOrEqual(100e6);
  });

  it('while a closed loop records the same stall as a single slow sample', async () => {
    const result = await closedLoop(stallingRunner(), {
      maxDurationMs: 60_000,
      maxSamples: 60,
      minSamples: 1_000_000,
      confidence: 0.95,
    });
    const sorted = result.samples.sorted();
    expect(sorted.filter((ns) => ns >= 140e6).length).toBe(1);
    // Instant calls take 50 ms only if the machine freezes; allow for one such hiccup.
    expect(sorted.filter((ns) => ns > 50e6).length).toBeLessThanOrEqual(2);
  });
});
