import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../core/base-command.js';
import { ExitCode, UserError } from '../core/errors.js';
import { projectFlags, withEnv } from '../core/flags.js';
import { benchRequest, renderTerminal, type BenchEvidence } from '../bench/index.js';

const SESSION = 'SESSION PROFILE';
const REPORTS = 'REPORTS';
const REGRESSION = 'REGRESSION';

export default class Bench extends BaseCommand<typeof Bench> {
  static override summary = 'Benchmark model latency and decide, with confidence, whether it meets the SLA.';
  static override description =
    'Runs the model with the session profile of poc.yaml (or flags) and measures latency until the SLA ' +
    'percentile is decided at the chosen confidence or --max-duration ends. PASS (exit 0) when the upper ' +
    'confidence bound of the percentile is within the SLA, FAIL (exit 1) when the lower bound exceeds it, ' +
    'INCONCLUSIVE (exit 3) otherwise, saying how many more samples would decide. Scenarios: single-stream ' +
    '(closed loop), server (Poisson arrivals on worker threads, latency from each scheduled arrival) and ' +
    'offline (throughput at full concurrency, --concurrency sweeps). --baseline and --compare check for ' +
    'regressions; --json writes the evidence poc promote reads.';

  static override examples = [
    '<%= config.bin %> bench',
    '<%= config.bin %> bench model.onnx --sla-ms 20 --percentile 99',
    '<%= config.bin %> bench --scenario server --rate 200 --json > bench.json',
    '<%= config.bin %> bench --baseline main-bench.json --max-regression 10',
    '<%= config.bin %> bench new.onnx --compare old.onnx --sla-ms 50 --max-regression 5',
    '<%= config.bin %> bench --markdown "$GITHUB_STEP_SUMMARY" --junit bench.xml --plot latency.svg',
  ];

  static override args = {
    model: Args.string({ description: 'ONNX model (default: model.path in poc.yaml)', required: false }),
  };

  static override flags = {
    ...projectFlags,
    ...withEnv({
      'sla-ms': Flags.string({ summary: 'Latency bound in ms (default: sla.boundMs in poc.yaml).' }),
      percentile: Flags.string({
        summary: 'SLA percentile, e.g. 95 or 99.9 (default: sla.percentile, else 95).',
      }),
      scenario: Flags.option({
        options: ['single-stream', 'server', 'offline'] as const,
        default: 'single-stream',
        summary: 'Load pattern.',
      })(),
      rate: Flags.string({ summary: 'Server: Poisson arrivals per second (default: sla.throughputRps).' }),
      workers: Flags.integer({
        min: 1,
        max: 64,
        summary: 'Server/offline: worker threads, one session each (default: min(4, cores)).',
      }),
      concurrency: Flags.string({ summary: 'Offline: concurrency levels to sweep, e.g. 1,2,4.' }),
      inputs: Flags.string({
        summary: 'Real inputs: a JSON file, or a directory of <input>.json/.npy files.',
      }),
      shape: Flags.string({
        multiple: true,
        default: [],
        summary: 'Size of a symbolic dimension, NAME=SIZE (repeatable).',
      }),
      seed: Flags.integer({ default: 1, summary: 'Seed for inputs, arrivals, block order and bootstrap.' }),
      warmup: Flags.integer({ min: 0, summary: 'Fixed warm-up runs (default: until latency is stable).' }),
      'max-duration': Flags.string({
        default: '30',
        summary: 'Time budget for the measurement, in seconds.',
      }),
      'max-samples': Flags.integer({ min: 1, default: 1_000_000, summary: 'Sample budget.' }),
      'min-samples': Flags.integer({
        min: 1,
        default: 100,
        summary: 'Samples before the verdict may be decided early.',
      }),
      confidence: Flags.string({ default: '0.95', summary: 'Confidence of the verdict.' }),
      'noise-limit': Flags.string({
        default: '10',
        summary: 'Runner noise (reference workload variation, %) above which a FAIL is not trusted.',
      }),
      'intra-op-threads': Flags.integer({
        min: 0,
        helpGroup: SESSION,
        summary: 'Threads within an operator (0: onnxruntime chooses).',
      }),
      'inter-op-threads': Flags.integer({
        min: 0,
        helpGroup: SESSION,
        summary: 'Threads across operators (0: onnxruntime chooses).',
      }),
      'graph-optimization': Flags.option({
        options: ['disabled', 'basic', 'extended', 'all'] as const,
        helpGroup: SESSION,
        summary: 'Graph optimisation level.',
      })(),
      'execution-mode': Flags.option({
        options: ['sequential', 'parallel'] as const,
        helpGroup: SESSION,
        summary: 'Operator execution mode.',
      })(),
      'cpu-mem-arena': Flags.boolean({ allowNo: true, helpGroup: SESSION, summary: 'CPU memory arena.' }),
      'mem-pattern': Flags.boolean({
        allowNo: true,
        helpGroup: SESSION,
        summary: 'Memory pattern optimisation.',
      }),
      'execution-provider': Flags.string({
        multiple: true,
        helpGroup: SESSION,
        summary: 'Execution provider, in preference order (repeatable; default cpu).',
      }),
      baseline: Flags.string({
        helpGroup: REGRESSION,
        summary: 'An earlier "poc bench --json" result to compare against.',
      }),
      compare: Flags.string({
        helpGroup: REGRESSION,
        summary: 'A second model run interleaved with MODEL; reports MODEL/COMPARE.',
      }),
      'max-regression': Flags.string({
        helpGroup: REGRESSION,
        summary: 'Fail when latency is confidently more than this % slower than the reference.',
      }),
      markdown: Flags.string({
        helpGroup: REPORTS,
        summary: 'Write a Markdown summary (e.g. $GITHUB_STEP_SUMMARY).',
      }),
      junit: Flags.string({ helpGroup: REPORTS, summary: 'Write a JUnit XML report.' }),
      plot: Flags.string({
        helpGroup: REPORTS,
        summary: 'Write an SVG plot of the latency CDF and histogram.',
      }),
    }),
  };

  async run(): Promise<BenchEvidence> {
    const f = this.flags;
    const num = (name: string, value: string | undefined) =>
      value === undefined ? undefined : parseNumber(name, value);
    const evidence = await benchRequest(
      {
        model: this.args.model,
        dir: f.dir,
        slaMs: num('sla-ms', f['sla-ms']),
        percentile: num('percentile', f.percentile),
        scenario: f.scenario,
        rate: num('rate', f.rate),
        workers: f.workers,
        concurrency: f.concurrency,
        inputs: f.inputs,
        shapes: f.shape,
        seed: f.seed,
        warmup: f.warmup,
        maxDurationS: parseNumber('max-duration', f['max-duration']),
        maxSamples: f['max-samples'],
        minSamples: f['min-samples'],
        confidence: parseNumber('confidence', f.confidence),
        noiseLimit: parseNumber('noise-limit', f['noise-limit']),
        baseline: f.baseline,
        compare: f.compare,
        maxRegression: num('max-regression', f['max-regression']),
        session: {
          intraOpThreads: f['intra-op-threads'],
          interOpThreads: f['inter-op-threads'],
          graphOptimizationLevel: f['graph-optimization'],
          executionMode: f['execution-mode'],
          enableCpuMemArena: f['cpu-mem-arena'],
          enableMemPattern: f['mem-pattern'],
          executionProviders: f['execution-provider']?.length ? f['execution-provider'] : undefined,
        },
      },
      { markdown: f.markdown, junit: f.junit, plot: f.plot },
      { onProgress: (text) => this.progress.update(text), onNotice: (text) => this.notice(text) },
    );
    this.progress.done();
    if (!this.jsonEnabled()) process.stdout.write(renderTerminal(evidence));
    if (evidence.verdict === 'fail') this.exitWith(ExitCode.gateFailed);
    if (evidence.verdict === 'inconclusive') this.exitWith(ExitCode.inconclusive);
    return evidence;
  }
}

function parseNumber(flag: string, value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) {
    throw new UserError(`--${flag} ${value} is not a non-negative number.`, {
      code: 'FLAG_INVALID',
      hint: `Pass a number, e.g. --${flag} 10.`,
    });
  }
  return number;
}
