import { Flags } from '@oclif/core';
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';

import { BaseCommand } from '../../core/base-command.js';
import { UserError } from '../../core/errors.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { table } from '../../core/table.js';
import {
  parseDurationFlag,
  RECORDING_FORMATS,
  recordSimulation,
  type RecordResult,
} from '../../contracts/index.js';
import { loadProject } from '../../manifest/index.js';

export default class MockRecord extends BaseCommand<typeof MockRecord> {
  static override summary = 'Write the simulated sensor streams to files, e.g. as synthetic training data.';
  static override description =
    'Runs the signal simulation of every MQTT integration for --duration of simulated time, as fast as it ' +
    'computes, and writes one file per channel (JSON lines or CSV) plus recording.json (seed, scenario, start). The ' +
    'same seed and scenario give the same files.';

  static override examples = [
    '<%= config.bin %> mock record --duration 2h --out data/synthetic',
    '<%= config.bin %> mock record --duration 1d --out data/csv --format csv',
    '<%= config.bin %> mock record --duration 2h --out data/wear --scenario scenarios/bearing-wear.yaml --seed 7',
  ];

  static override flags = {
    ...projectFlags,
    ...withEnv({
      duration: Flags.string({ summary: 'Simulated time to record, e.g. 10m or 2h.', required: true }),
      out: Flags.directory({ summary: 'Directory for the recording.', required: true }),
      seed: Flags.integer({ summary: 'Seed of the simulation (a scenario seed wins).', default: 1 }),
      scenario: Flags.file({ summary: 'Scenario YAML for the sensor channels.' }),
      only: Flags.string({ summary: 'Record only this integration (repeatable).', multiple: true }),
      start: Flags.string({
        summary: 'Timestamp of the first sample (ISO 8601); default the scenario start, else now.',
      }),
      force: Flags.boolean({ summary: 'Write into a directory that already holds files.' }),
      format: Flags.string({
        summary: 'File format: JSON lines, or CSV with one column per payload field.',
        options: [...RECORDING_FORMATS],
        default: 'jsonl',
      }),
    }),
  };

  async run(): Promise<RecordResult> {
    const { flags } = this;
    const durationSeconds = parseDurationFlag('duration', flags.duration);
    const startMs = flags.start === undefined ? undefined : Date.parse(flags.start);
    if (startMs !== undefined && Number.isNaN(startMs))
      throw new UserError(`--start "${flags.start}" is not a timestamp.`, {
        hint: 'Use ISO 8601, e.g. 2026-01-15T06:00:00Z.',
      });
    const project = await loadProject(flags.dir);
    const out = resolve(flags.out);
    const existing = await readdir(out).catch(() => []);
    if (existing.length > 0 && !flags.force) {
      throw new UserError(
        `${flags.out} already holds ${existing.length} file${existing.length === 1 ? '' : 's'}.`,
        {
          code: 'OUTPUT_EXISTS',
          hint: 'Choose an empty directory, or pass --force to overwrite recordings there.',
        },
      );
    }
    const result = await recordSimulation(project.root, project.manifest, {
      out,
      durationSeconds,
      seed: flags.seed,
      scenarioFile: flags.scenario,
      only: flags.only,
      startMs,
      format: flags.format as (typeof RECORDING_FORMATS)[number],
    });
    const total = result.channels.reduce((sum, c) => sum + c.messages, 0);
    this.log(table(result.channels.map((c) => [c.file, c.topic, `${c.messages} messages`])));
    this.log(`Recorded ${total} messages of ${flags.duration} (seed ${result.seed}) to ${flags.out}.`);
    return result;
  }
}
