import { createRequire } from 'node:module';

import { UserError } from '../core/errors.js';
import { describeEnvironment } from './environment.js';
import { readEvidence, EVIDENCE_SCHEMA_VERSION, type BenchEvidence } from './evidence.js';
import { readModelFile } from './model-file.js';
import { assessNoise, timeReference } from './noise.js';
import type { BenchOptions } from './options.js';
import { loadOrt } from './ort.js';
import { prepareModel } from './prepared-model.js';
import { combine, judgeRegression } from './regression.js';
import { closedLoop, type StopReason } from './scenarios/closed-loop.js';
import { interleaved } from './scenarios/interleaved.js';
import { saturate } from './scenarios/offline.js';
import { openLoop } from './scenarios/open-loop.js';
import { startWorkerPool } from './scenarios/worker-pool.js';
import { profileHash } from './session-options.js';
import { quantileRatioInterval, type RatioInterval } from './stats/bootstrap.js';
import { fromBuckets, toBuckets } from './stats/buckets.js';
import { seededRandom } from './stats/random.js';
import type { Samples } from './stats/samples.js';
import { summarise } from './stats/summary.js';
import { slaVerdict } from './verdict.js';
import { warmUp } from './warmup.js';

const tool = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };

/** Seeds derived from the one --seed, so each random stream is independent and reproducible. */
function seedsFrom(seed: number) {
  return { inputs: seed, arrivals: seed + 1, bootstrap: seed + 2, blocks: seed + 3 };
}

/**
 * Runs one benchmark: cold start, noise calibration, warm-up, the scenario with its adaptive
 * stop, the SLA verdict, optional regression against a baseline or an interleaved second
 * model, and returns the evidence.
 */
export async function runBench(options: BenchOptions): Promise<BenchEvidence> {
  const progress = options.onProgress ?? (() => {});
  const notice = options.onNotice ?? (() => {});
  const seeds = seedsFrom(options.seed);
  if (options.scenario === 'server' && !options.rate) {
    throw new UserError('The server scenario needs an arrival rate.', {
      code: 'FLAG_INVALID',
      hint: 'Pass --rate N (requests per second), or set sla.throughputRps in poc.yaml.',
    });
  }
  if (options.compare && options.scenario !== 'single-stream') {
    throw new UserError('--compare runs both models interleaved in the single-stream scenario only.', {
      code: 'FLAG_INVALID',
      hint: 'Leave out --scenario, or bench each model on its own and compare with --baseline.',
    });
  }
  const file = await readModelFile(options.model.path, options.model.display);
  const compareFile = options.compare
    ? await readModelFile(options.compare.path, options.compare.display)
    : undefined;
  const baseline = options.baseline ? await readEvidence(options.baseline) : undefined;
  const ort = await loadOrt();

  // Before any session exists: onnxruntime's spinning pool threads would add CPU time that is
  // not the reference workload's and hide contention (process.cpuUsage counts every thread).
  progress('bench: calibrating runner noise');
  const noiseBefore = timeReference();
  progress('bench: opening the session');
  const inputPlan = { path: options.inputs, shapes: options.shapes, seed: seeds.inputs };
  const model = await prepareModel(ort, file, options.profile, inputPlan);
  const other = compareFile
    ? await prepareModel(ort, compareFile, options.profile, inputPlan).catch(async (error: unknown) => {
        await model.session.release().catch(() => {});
        throw error;
      })
    : undefined;
  if (model.defaultedDims.length > 0) {
    notice(
      `symbolic dimensions ${model.defaultedDims.join(', ')} were set to 1; set them with --shape NAME=SIZE`,
    );
  }

  try {
    const rule = {
      maxDurationMs: options.maxDurationMs,
      maxSamples: options.maxSamples,
      minSamples: options.minSamples,
      sla: { p: options.sla.percentile / 100, boundNs: options.sla.boundMs * 1e6 },
      confidence: options.confidence,
    };
    // The bar shows the time budget; the run usually ends earlier, once the verdict is decided.
    const report = (label: string) => (samples: Samples, elapsedMs: number) => {
      const filled = Math.min(20, Math.round((elapsedMs / options.maxDurationMs) * 20));
      progress(
        `bench ${label} [${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${samples.length} samples, ` +
          `${(elapsedMs / 1000).toFixed(1)}/${(options.maxDurationMs / 1000).toFixed(0)} s`,
      );
    };
    const warmupCap = Math.min(5000, Math.max(200, options.maxDurationMs * 0.2));

    let samples: Samples;
    let durationMs: number;
    let stoppedBy: StopReason;
    let confidence = options.confidence;
    let warmup = { runs: 0, stable: true, ms: 0 };
    let server: BenchEvidence['server'];
    let offline: BenchEvidence['offline'];
    let compared: { interval: RatioInterval; reference: Samples } | undefined;

    if (options.scenario === 'single-stream') {
      progress('bench: warming up');
      warmup = await warmUp(model.run, options.warmupRuns, warmupCap);
      if (other) await warmUp(other.run, options.warmupRuns, warmupCap);
      if (!warmup.stable)
        notice(
          `warm-up did not stabilise within ${(warmupCap / 1000).toFixed(1)} s; latency was still drifting`,
        );
      if (other) {
        const ab = await interleaved(
          model.run,
          other.run,
          seededRandom(seeds.blocks),
          options.maxDurationMs,
          options.maxSamples,
        );
        samples = ab.a;
        durationMs = ab.elapsedMs;
        stoppedBy = ab.a.length >= options.maxSamples ? 'max-samples' : 'max-duration';
        const interval = quantileRatioInterval(
          ab.a.sorted(),
          ab.b.sorted(),
          rule.sla.p,
          seededRandom(seeds.bootstrap),
        );
        compared = { interval, reference: ab.b };
      } else {
        const loop = await closedLoop(model.run, rule, report('single-stream'));
        ({ samples, stoppedBy, confidence } = loop);
        durationMs = loop.elapsedMs;
      }
    } else {
      const levels = options.scenario === 'offline' ? options.concurrency : [options.workers];
      const size = Math.max(...levels);
      progress(`bench: starting ${size} worker thread${size === 1 ? '' : 's'}`);
      const pool = await startWorkerPool(file.bytes, options.profile, model.feeds, size);
      try {
        // Warm every worker at once, round after round, until the rounds' times are stable.
        progress('bench: warming up the workers');
        const round = () => Promise.all(Array.from({ length: size }, () => pool.submit(0)));
        warmup = await warmUp(round, options.warmupRuns, warmupCap);
        if (!warmup.stable)
          notice(
            `warm-up did not stabilise within ${(warmupCap / 1000).toFixed(1)} s; latency was still drifting`,
          );
        if (options.scenario === 'server') {
          const result = await openLoop(
            pool,
            options.rate as number,
            seededRandom(seeds.arrivals),
            rule,
            report('server'),
          );
          ({ stoppedBy, confidence } = result);
          samples = result.response;
          durationMs = result.elapsedMs;
          server = {
            rateRps: options.rate as number,
            achievedRps: Math.round(result.achievedRate * 100) / 100,
            workers: size,
            serviceMs: summarise(result.service.sorted()),
            dispatchDelayMs: summarise(result.dispatchDelay.sorted()),
            unserved: result.unserved,
          };
          if (result.unserved > 0) {
            notice(
              `${result.unserved} requests were still queued when draining ended; their latency is recorded as the wait so far, a lower bound`,
            );
          }
          if (result.achievedRate < (options.rate as number) * 0.9 && result.response.length > 500) {
            notice(
              `the workers sustained ${server.achievedRps} requests/s of the ${options.rate} offered; latency grows with the queue`,
            );
          }
        } else {
          const each = options.maxDurationMs / levels.length;
          const results = [];
          for (const level of levels) {
            progress(`bench offline: concurrency ${level}`);
            results.push(await saturate(pool, level, each, options.maxSamples));
          }
          offline = {
            levels: results.map((r) => ({
              concurrency: r.concurrency,
              throughputRps: Math.round(r.throughput * 100) / 100,
              samples: r.samples.length,
              latencyMs: summarise(r.samples.sorted()),
            })),
          };
          const last = results[results.length - 1];
          if (!last) throw new UserError('--concurrency needs at least one level.', { code: 'FLAG_INVALID' });
          samples = last.samples;
          durationMs = results.reduce((sum, r) => sum + r.elapsedMs, 0);
          stoppedBy = 'max-duration';
        }
      } finally {
        await pool.close();
      }
    }

    await new Promise((resolve) => setTimeout(resolve, 20)); // let onnxruntime's pool threads stop spinning
    const noise = assessNoise(noiseBefore, timeReference(), options.noiseLimitPercent);
    if (noise.noisy)
      notice(
        `the runner was noisy: reference workload varied ${noise.cvPercent}%, drifted ${noise.driftPercent}% and waited ${noise.contentionPercent}% beyond its CPU time for a core (limit ${options.noiseLimitPercent}%)`,
      );
    const sorted = samples.sorted();
    const sla = slaVerdict(sorted, options.sla.percentile, options.sla.boundMs, confidence, noise);

    let regression: BenchEvidence['regression'];
    if (compared || baseline) {
      const reference = compared
        ? compared.reference.sorted()
        : fromBuckets((baseline as BenchEvidence).histogram.buckets);
      const interval =
        compared?.interval ??
        quantileRatioInterval(sorted, reference, options.sla.percentile / 100, seededRandom(seeds.bootstrap));
      const judged = judgeRegression(interval, options.sla.percentile, options.maxRegressionPct, noise.noisy);
      regression = {
        against: compared ? 'compare' : 'baseline',
        reference: compared ? (options.compare?.display ?? '') : (options.baseline ?? ''),
        percentile: options.sla.percentile,
        ratio: round(interval.ratio),
        low: round(interval.low),
        high: round(interval.high),
        confidence: interval.confidence,
        maxRegressionPct: options.maxRegressionPct ?? null,
        status: judged.status,
        reason: judged.reason,
        referenceLatencyMs: summarise(reference),
      };
      if (baseline && baseline.profileHash !== profileHash(options.profile)) {
        notice(
          `the baseline was measured with another session profile (${baseline.profileHash.slice(0, 19)}…)`,
        );
      }
      if (baseline && baseline.environment.cpuModel !== describeEnvironment().cpuModel) {
        notice(
          `the baseline was measured on another CPU (${baseline.environment.cpuModel}); prefer --compare to run both models here`,
        );
      }
    }

    const verdict = combine([sla.status, regression?.status ?? null]);
    return {
      schemaVersion: EVIDENCE_SCHEMA_VERSION,
      kind: 'poc-bench',
      createdAt: new Date().toISOString(),
      tool: { name: tool.name, version: tool.version },
      verdict,
      reasons: [sla.reason, ...(regression ? [regression.reason] : [])],
      model: { path: options.model.display, sha256: file.sha256 },
      profile: { ...options.profile, executionProviders: [...options.profile.executionProviders] },
      profileHash: profileHash(options.profile),
      scenario: options.scenario,
      sla: options.sla,
      slaVerdict: sla,
      samples: samples.length,
      latencyMs: summarise(sorted),
      durationMs: Math.round(durationMs),
      stoppedBy,
      warmup: { ...warmup, ms: Math.round(warmup.ms) },
      coldStart: model.coldStart,
      ...(server ? { server } : {}),
      ...(offline ? { offline } : {}),
      inputs: {
        source: options.inputs ? 'file' : 'synthesised',
        ...(options.inputs ? { file: options.inputs } : {}),
        feeds: model.feeds.map((feed) => ({ name: feed.name, type: feed.type, dims: feed.dims })),
        defaultedDims: model.defaultedDims,
      },
      noise,
      ...(regression ? { regression } : {}),
      histogram: {
        unit: 'ns',
        buckets: toBuckets(sorted),
        hdrPercentiles: [...samples.hdr.percentiles.entries()].map(
          ([p, ns]) => [p, Number(ns)] as [number, number],
        ),
      },
      environment: describeEnvironment(),
      seeds,
    };
  } finally {
    await model.session.release().catch(() => {});
    await other?.session.release().catch(() => {});
  }
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
