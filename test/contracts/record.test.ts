import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import MockRecord from '../../src/commands/mock/record.js';
import { contractProject } from '../helpers/contract-project.js';
import { runCommand } from '../helpers/run-command.js';

const scenario = [
  'description: bearing wear over two hours, then a failure',
  'seed: 42',
  'start: 2026-01-15T06:00:00Z',
  'channels:',
  '  bearingTemperature:',
  '    effects:',
  '      - { type: drift, perHour: 10, to: 110m }',
  '      - { type: step, at: 110m, by: 40 }',
  '      - { type: badQuality, from: 115m, rate: 0.5 }',
  '',
].join('\n');

const readLines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { topic: string; sentAt: string; payload: Record<string, unknown> });

describe('poc mock record', () => {
  it('writes two hours of a scenario as JSON lines per channel, the same for the same seed', async () => {
    const project = await contractProject({ files: { 'wear.yaml': scenario } });
    const out = join(project.dir, 'synthetic');
    const args = [
      '--dir',
      project.dir,
      '--duration',
      '2h',
      '--out',
      out,
      '--scenario',
      join(project.dir, 'wear.yaml'),
    ];
    const first = await runCommand(MockRecord, [...args, '--json']);
    expect(first.exitCode).toBe(0);
    expect(first.json?.result).toMatchObject({
      seed: 42,
      start: '2026-01-15T06:00:00.000Z',
      channels: [
        { channel: 'spindleVibration', file: 'sensors.spindleVibration.jsonl', messages: 72000 },
        { channel: 'bearingTemperature', file: 'sensors.bearingTemperature.jsonl', messages: 14400 },
      ],
    });
    expect(readdirSync(out).sort()).toEqual([
      'recording.json',
      'sensors.bearingTemperature.jsonl',
      'sensors.spindleVibration.jsonl',
    ]);
    const temperature = readLines(join(out, 'sensors.bearingTemperature.jsonl'));
    expect(temperature[0]).toMatchObject({
      topic: 'plant/line3/press1/bearing-temperature',
      sentAt: '2026-01-15T06:00:00.000Z',
    });
    const mean = (from: number, to: number) => {
      const xs = temperature.slice(from * 2, to * 2).map((m) => m.payload.celsius as number);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(Math.abs(mean(0, 60) - 61)).toBeLessThan(1); // noise sd 1.7 per reading
    expect(Math.abs(mean(6540, 6600) - (61 + 10 * (6570 / 3600)))).toBeLessThan(1);
    expect(mean(6660, 6840)).toBeGreaterThan(110);
    const late = temperature.slice(6900 * 2).map((m) => m.payload.quality);
    expect(late.filter((q) => q === 'bad').length / late.length).toBeGreaterThan(0.4);

    const again = join(project.dir, 'again');
    await runCommand(MockRecord, [
      '--dir',
      project.dir,
      '--duration',
      '2h',
      '--out',
      again,
      '--scenario',
      join(project.dir, 'wear.yaml'),
    ]);
    expect(readFileSync(join(again, 'sensors.spindleVibration.jsonl'), 'utf8')).toBe(
      readFileSync(join(out, 'sensors.spindleVibration.jsonl'), 'utf8'),
    );
  });

  it('--format csv writes one column per payload field', async () => {
    const project = await contractProject();
    const out = join(project.dir, 'csv');
    const { exitCode } = await runCommand(MockRecord, [
      '--dir',
      project.dir,
      '--duration',
      '1s',
      '--out',
      out,
      '--format',
      'csv',
      '--start',
      '2026-01-15T06:00:00Z',
    ]);
    expect(exitCode).toBe(0);
    const rows = readFileSync(join(out, 'sensors.bearingTemperature.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('sentAt,topic,ts,sensorId,celsius,quality');
    expect(rows).toHaveLength(3); // header, t=0 s and t=0.5 s at 2 Hz
    expect(rows[2]).toMatch(
      /^2026-01-15T06:00:00\.500Z,plant\/line3\/press1\/bearing-temperature,2026-01-15T06:00:00\.500Z,TMP-\d{3},\d+(\.\d+)?,good$/,
    );
  });

  it('does not overwrite a recording without --force', async () => {
    const project = await contractProject();
    const out = join(project.dir, 'out');
    const args = ['--dir', project.dir, '--duration', '10s', '--out', out, '--start', '2026-01-15T06:00:00Z'];
    expect((await runCommand(MockRecord, args)).exitCode).toBe(0);
    writeFileSync(join(out, 'keep.txt'), 'mine');
    const refused = await runCommand(MockRecord, args);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('already holds 4 files');
    expect((await runCommand(MockRecord, [...args, '--force'])).exitCode).toBe(0);
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('refuses a bad duration and a scenario with unknown channels, writing nothing', async () => {
    const project = await contractProject({ files: { 'typo.yaml': 'channels:\n  spindle: {}\n' } });
    const out = join(project.dir, 'out');
    expect(
      (await runCommand(MockRecord, ['--dir', project.dir, '--duration', 'soon', '--out', out])).exitCode,
    ).toBe(2);
    const typo = await runCommand(MockRecord, [
      '--dir',
      project.dir,
      '--duration',
      '1m',
      '--out',
      out,
      '--scenario',
      join(project.dir, 'typo.yaml'),
    ]);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toMatch(/typo\.yaml:2:3 channels\.spindle: unknown channel "spindle"/);
    expect(readdirSync(project.dir)).not.toContain('out');
  });
});
