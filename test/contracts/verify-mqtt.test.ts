import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';

import Verify from '../../src/commands/contract/verify.js';
import type { VerifyReport } from '../../src/contracts/index.js';
import { contractProject, freePort, startProjectMocks } from '../helpers/contract-project.js';
import { startMosquitto } from '../helpers/mosquitto.js';
import { runCommand } from '../helpers/run-command.js';

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function mockSensors(
  project: { dir: string },
  options: { brokerUrl?: string; scenarioFile?: string } = {},
) {
  const session = await startProjectMocks(project.dir, { only: ['sensors'], seed: 5, ...options });
  cleanups.push(() => session.stop());
  return session;
}

const checksOf = (json: unknown) => (json as { result: VerifyReport }).result.checks;

describe('poc contract verify (MQTT)', () => {
  it('the embedded-broker mock passes its own contract: topics, rates, payloads, gaps, staleness, quality', async () => {
    const project = await contractProject();
    await mockSensors(project);
    const { exitCode, json, stdout } = await runCommand(Verify, [
      'sensors',
      '--dir',
      project.dir,
      '--window',
      '4s',
      '--json',
    ]);
    const checks = checksOf(json);
    expect(
      checks.filter((c) => !c.passed && !c.skipped),
      stdout,
    ).toEqual([]);
    expect(exitCode).toBe(0);
    expect(checks.find((c) => c.skipped)).toMatchObject({ subject: 'anomalyScores', check: 'messages' });
    expect(checks.map((c) => `${c.subject} ${c.check}`)).toEqual(
      expect.arrayContaining([
        'spindleVibration rate',
        'spindleVibration payload',
        'spindleVibration gaps',
        'spindleVibration staleness',
        'spindleVibration quality',
        'bearingTemperature rate',
        'plant/line3/press1/# topics',
      ]),
    );
  });

  it('with --broker the mock publishes to an external broker (mosquitto) on the same topics', async () => {
    const mosquitto = await startMosquitto();
    cleanups.push(() => mosquitto.stop());
    const project = await contractProject({ endpoints: { sensors: { plant: mosquitto.url } } });
    await mockSensors(project, { brokerUrl: mosquitto.url });
    const { exitCode, stdout } = await runCommand(Verify, [
      'sensors',
      '--dir',
      project.dir,
      '--env',
      'plant',
      '--window',
      '4s',
    ]);
    expect(stdout).toContain('pass  spindleVibration rate');
    expect(exitCode).toBe(0);
  });

  it('a broken publisher fails: wrong topic, half the rate, a missing field', async () => {
    const mosquitto = await startMosquitto();
    cleanups.push(() => mosquitto.stop());
    const { connectAsync } = await import('mqtt');
    const publisher = await connectAsync(mosquitto.url);
    cleanups.push(() => publisher.endAsync());
    let n = 0;
    const timer = setInterval(() => {
      n += 1;
      const ts = new Date().toISOString();
      // 5 Hz instead of the declared 10 Hz
      // ... and without its sensorId
      publisher.publish('plant/line3/press1/vibration', JSON.stringify({ ts, rms: 4.2, quality: 'good' }));
      // the temperature goes to a misspelt topic, and lacks its quality field
      if (n % 2 === 0)
        publisher.publish(
          'plant/line3/press1/bearing-temp',
          JSON.stringify({ ts, sensorId: 'TMP-001', celsius: 60 }),
        );
    }, 200);
    cleanups.push(() => clearInterval(timer));
    const project = await contractProject({ endpoints: { sensors: { plant: mosquitto.url } } });
    const { exitCode, stdout, json } = await runCommand(Verify, [
      'sensors',
      '--dir',
      project.dir,
      '--env',
      'plant',
      '--window',
      '4s',
      '--json',
    ]);
    expect(exitCode).toBe(1);
    const failed = checksOf(json).filter((c) => !c.passed && !c.skipped);
    const find = (subject: string, check: string) =>
      failed.find((c) => c.subject === subject && c.check === check);
    expect(find('spindleVibration', 'rate')?.details[0]).toMatch(
      /^[3-6]\.\d\d msg\/s observed, 10 Hz declared/,
    );
    expect(find('spindleVibration', 'payload')?.details).toEqual([
      expect.stringMatching(/^\d+ of \d+ payloads violate the schema$/),
      '(payload): missing required field "sensorId"',
    ]);
    expect(find('bearingTemperature', 'messages')?.details[0]).toBe(
      'no message on plant/line3/press1/bearing-temperature in 4 s',
    );
    expect(find('plant/line3/press1/#', 'topics')?.details[0]).toMatch(
      /^\d+ messages on undeclared topic plant\/line3\/press1\/bearing-temp$/,
    );
    expect(stdout).toContain('"location"');
  });

  it('a scenario with bad quality and a stuck clock fails quality and staleness', async () => {
    const project = await contractProject({
      files: {
        'bad-day.yaml': [
          'channels:',
          '  spindleVibration:',
          '    effects:',
          '      - { type: badQuality, rate: 0.5 }',
          '      - { type: clockSkew, offset: -30s }',
          '      - { type: dropouts, rate: 0.1, length: 2s }',
          '',
        ].join('\n'),
      },
    });
    await mockSensors(project, { scenarioFile: `${project.dir}/bad-day.yaml` });
    const { exitCode, json } = await runCommand(Verify, [
      'sensors',
      '--dir',
      project.dir,
      '--window',
      '4s',
      '--json',
    ]);
    expect(exitCode).toBe(1);
    const failed = checksOf(json)
      .filter((c) => !c.passed && !c.skipped)
      .map((c) => `${c.subject} ${c.check}`);
    expect(failed, JSON.stringify(checksOf(json), null, 1)).toEqual(
      expect.arrayContaining([
        'spindleVibration quality',
        'spindleVibration staleness',
        'spindleVibration gaps',
      ]),
    );
    expect(failed.some((f) => f.startsWith('bearingTemperature'))).toBe(false);
  });

  it('mqtts:// to a port that does not speak TLS is a TLS error, exit 4', async () => {
    // a plain HTTP server answers the TLS hello with "400 Bad Request": wrong version number
    const http = createServer((_req, res) => res.end());
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => http.close(() => resolve())));
    const port = (http.address() as { port: number }).port;
    const plain = await contractProject({ endpoints: { sensors: { plant: `mqtts://127.0.0.1:${port}` } } });
    const { exitCode, json } = await runCommand(Verify, [
      'sensors',
      '--dir',
      plain.dir,
      '--env',
      'plant',
      '--window',
      '1s',
      '--json',
    ]);
    expect(exitCode).toBe(4);
    expect(json?.error?.code).toBe('TLS_ERROR');
  });

  it('an unreachable broker is exit 4', async () => {
    const port = await freePort();
    const project = await contractProject({ endpoints: { sensors: { plant: `mqtt://127.0.0.1:${port}` } } });
    const { exitCode, stderr } = await runCommand(Verify, [
      'sensors',
      '--dir',
      project.dir,
      '--env',
      'plant',
      '--window',
      '1s',
    ]);
    expect(exitCode).toBe(4);
    expect(stderr).toContain(`mqtt://127.0.0.1:${port} (MQTT broker) is unreachable: ECONNREFUSED`);
  });
});
