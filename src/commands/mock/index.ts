import { Flags } from '@oclif/core';

import { BaseCommand } from '../../core/base-command.js';
import { UserError } from '../../core/errors.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { table } from '../../core/table.js';
import { parseDurationFlag, parseLatency, startMocks } from '../../contracts/index.js';
import { loadProject } from '../../manifest/index.js';

export interface MockResult {
  mocks: {
    name: string;
    kind: string;
    url: string;
    detail: string;
    published?: number;
    received?: { messages: number; invalid: number };
  }[];
  scenario?: string;
}

export default class Mock extends BaseCommand<typeof Mock> {
  static override summary = 'Serve every integration of poc.yaml from its contract, on its mock endpoint.';
  static override description = [
    'REST integrations are served from their OpenAPI contract: examples first, otherwise realistic data within',
    'the declared patterns and bounds; requests are validated (400 with details) and resources created with',
    'POST can be read back. MQTT integrations get an embedded broker (or --broker) publishing simulated sensor',
    "readings on the contract's exact topics at its declared rates (x-sample-rate-hz), around x-nominal with",
    'x-noise inside minimum/maximum; what the AI system publishes on its own channels is checked against the',
    'contract. Contract violations by the system under test are printed; Ctrl-C stops everything.',
    '',
    'A scenario file (--scenario) shapes the signals, deterministically for its seed:',
    '  seed: 42',
    '  start: 2026-01-15T06:00:00Z        # optional virtual start',
    '  all: { effects: [...] }            # applied to every channel',
    '  channels:',
    '    <channel id or topic>:',
    '      field: vibrationRms            # optional: one payload field, else all numeric ones',
    '      baseline: 4.2                  # optional, else x-nominal, the example, or mid-range',
    '      noise: 0.3                     # standard deviation',
    '      effects:',
    '        - { type: drift, perHour: 1.5, from: 0s, to: 2h }',
    '        - { type: step, at: 110m, by: 12 }',
    '        - { type: spikes, rate: 0.01, magnitude: 20 }   # rate: probability per sample',
    '        - { type: dropouts, rate: 0.01, length: 5s }',
    '        - { type: gap, from: 60m, to: 62m }',
    '        - { type: stuck, from: 80m, to: 85m }',
    '        - { type: outOfOrder, rate: 0.01 }',
    '        - { type: duplicates, rate: 0.01 }',
    '        - { type: badQuality, rate: 0.5, value: bad, from: 115m }',
    '        - { type: clockSkew, offset: -2s }',
    'Every effect but step takes an optional from/to window. Unknown channels are an error (exit 2).',
  ].join('\n');

  static override examples = [
    '<%= config.bin %> mock',
    '<%= config.bin %> mock --only mes --latency 20-200 --error-rate 0.05',
    '<%= config.bin %> mock --scenario scenarios/bearing-wear.yaml --speed 60',
  ];

  static override flags = {
    ...projectFlags,
    ...withEnv({
      only: Flags.string({ summary: 'Mock only this integration (repeatable).', multiple: true }),
      seed: Flags.integer({ summary: 'Seed for generated data and simulated signals.', default: 1 }),
      scenario: Flags.file({ summary: 'Scenario YAML for the sensor channels.', exists: false }),
      latency: Flags.string({ summary: 'Added REST response delay in ms: 50, or a range 20-200.' }),
      'error-rate': Flags.string({
        summary: 'Share of REST requests answered with 500, 0 to 1.',
        default: '0',
      }),
      speed: Flags.string({
        summary: 'Simulation time per real time (60 plays an hour in a minute).',
        default: '1',
      }),
      broker: Flags.string({
        summary: 'Publish to this MQTT broker (mqtt://host:port) instead of the embedded one.',
      }),
      duration: Flags.string({ summary: 'Stop after this long (e.g. 10m) instead of waiting for Ctrl-C.' }),
    }),
  };

  async run(): Promise<MockResult> {
    const { flags } = this;
    const errorRate = Number(flags['error-rate']);
    const speed = Number(flags.speed);
    if (!(errorRate >= 0 && errorRate <= 1))
      throw new UserError(`--error-rate "${flags['error-rate']}" is not a share.`, {
        hint: 'Use a number from 0 to 1, e.g. 0.05.',
      });
    if (!(speed > 0))
      throw new UserError(`--speed "${flags.speed}" is not a positive number.`, {
        hint: 'Use e.g. --speed 60.',
      });
    const durationSeconds = flags.duration ? parseDurationFlag('duration', flags.duration) : undefined;
    const latencyMs = parseLatency(flags.latency);
    const project = await loadProject(flags.dir);
    // Ctrl-C is caught from here on: a signal that arrives while the mocks start, or just after
    // "ready" is printed, still stops them cleanly instead of killing the process.
    const stopped = untilStopped(durationSeconds);
    const session = await startMocks(project.root, project.manifest, {
      only: flags.only,
      seed: flags.seed,
      scenarioFile: flags.scenario,
      latencyMs,
      errorRate,
      speed,
      brokerUrl: flags.broker,
      // Contract violations by the system under test always show; other traffic with --verbose.
      onTraffic: (line, violation) => {
        if (violation) process.stderr.write(`Contract violation: ${line}\n`);
        else if (flags.verbose && !this.jsonEnabled()) process.stderr.write(`${line}\n`);
      },
    }).catch((error: unknown) => {
      stopped.cancel();
      throw error;
    });
    if (!this.jsonEnabled()) {
      this.log(table(session.mocks.map((m) => [m.name, m.kind, m.url, m.detail])));
    }
    process.stderr.write(
      durationSeconds ? `Mocks ready; stopping in ${flags.duration}.\n` : 'Mocks ready; Ctrl-C stops them.\n',
    );
    await stopped.done;
    await session.stop();
    const mocks = session.mocks.map((m) => ({
      name: m.name,
      kind: m.kind,
      url: m.url,
      detail: m.detail,
      published: m.published?.(),
      received: m.received?.(),
    }));
    const published = mocks.reduce((sum, m) => sum + (m.published ?? 0), 0);
    process.stderr.write(`Mocks stopped${published ? ` after publishing ${published} messages` : ''}.\n`);
    return { mocks, scenario: session.scenario };
  }
}

/**
 * Resolves on SIGINT or SIGTERM, or after the duration when one is given; `cancel` removes the
 * handlers (when the mocks fail to start, nothing is left listening).
 */
function untilStopped(durationSeconds: number | undefined): { done: Promise<void>; cancel(): void } {
  let stop = () => {};
  const done = new Promise<void>((resolve) => {
    stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      clearTimeout(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const timer = durationSeconds ? setTimeout(stop, durationSeconds * 1000) : undefined;
  return { done, cancel: stop };
}
