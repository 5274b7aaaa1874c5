import { describe, expect, it } from 'vitest';

import { listChannels } from '../../src/contracts/asyncapi/channels.js';
import { loadContract } from '../../src/contracts/document/load-contract.js';
import { parseScenario, type Scenario } from '../../src/contracts/simulation/scenario.js';
import { createChannelStream, type SimMessage } from '../../src/contracts/simulation/signal-stream.js';
import { UserError } from '../../src/core/errors.js';

const contract = await loadContract(
  new URL('../fixtures/contracts/sensors.asyncapi.yaml', import.meta.url).pathname,
);
const channels = listChannels(contract);
const vibration = channels.find((c) => c.id === 'spindleVibration')!;
const known = channels.flatMap((c) => [c.id, c.address]);
const START = Date.UTC(2026, 0, 15, 6, 0, 0);

function run(yaml: string, seconds: number, seed = 1): SimMessage[] {
  const scenario: Scenario = parseScenario(yaml, known, 'scenario.yaml');
  return createChannelStream(vibration, scenario, scenario.seed ?? seed, START).takeUntil(seconds);
}

const values = (messages: SimMessage[]) => messages.map((m) => m.payload.rms as number);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

describe('signal simulation', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = run('channels: {}', 60, 7);
    expect(run('channels: {}', 60, 7)).toEqual(a);
    expect(values(run('channels: {}', 60, 8))).not.toEqual(values(a));
    expect(a).toHaveLength(601); // 10 Hz from t=0 to t=60 inclusive
  });

  it('healthy signal: mean and noise are those the contract declares (x-nominal 4.2, x-noise 0.3)', () => {
    const xs = values(run('channels: {}', 3600));
    expect(mean(xs)).toBeCloseTo(4.2, 1);
    expect(sd(xs)).toBeGreaterThan(0.28);
    expect(sd(xs)).toBeLessThan(0.32);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
  });

  it('scenario baseline, noise and dropout rate show up in the statistics', () => {
    const yaml = `
seed: 11
channels:
  spindleVibration:
    baseline: 10
    noise: 1
    effects:
      - { type: dropouts, rate: 0.02 }
`;
    const messages = run(yaml, 3600);
    const expected = 36001;
    const gapRate = 1 - messages.length / expected;
    expect(gapRate).toBeGreaterThan(0.015);
    expect(gapRate).toBeLessThan(0.025);
    expect(mean(values(messages))).toBeCloseTo(10, 1);
    expect(sd(values(messages))).toBeGreaterThan(0.95);
    expect(sd(values(messages))).toBeLessThan(1.05);
    // sequence-less contract: a gap is visible as a jump in the sample index
    const samples = messages.map((m) => m.sample);
    expect(new Set(samples).size).toBe(samples.length);
  });

  it('bearing wear: drift, then a step, a stuck sensor and spikes', () => {
    const yaml = `
channels:
  plant/line3/press1/vibration:
    noise: 0.1
    effects:
      - { type: drift, perHour: 6, to: 1h }
      - { type: step, at: 1h, by: 10 }
      - { type: stuck, from: 70m, to: 80m }
      - { type: spikes, from: 90m, rate: 0.05, magnitude: 20 }
`;
    const messages = run(yaml, 6000);
    const at = (from: number, to: number) =>
      values(messages.filter((m) => m.sendAt >= from && m.sendAt < to));
    expect(mean(at(0, 60))).toBeCloseTo(4.25, 1);
    expect(mean(at(3000, 3600))).toBeCloseTo(4.2 + 6 * (3300 / 3600), 1);
    expect(mean(at(3610, 4200))).toBeCloseTo(4.2 + 6 + 10, 1);
    expect(new Set(at(4200, 4800)).size).toBe(1);
    const spiky = at(5400, 6000).filter((x) => x > 30);
    expect(spiky.length / at(5400, 6000).length).toBeGreaterThan(0.03);
    expect(spiky.length / at(5400, 6000).length).toBeLessThan(0.07);
    expect(Math.max(...at(5400, 6000))).toBeLessThanOrEqual(50); // saturates at the declared maximum
  });

  it('delivery faults: duplicates, out-of-order, bad quality, clock skew, gaps', () => {
    const yaml = `
channels:
  spindleVibration:
    effects:
      - { type: duplicates, rate: 0.05 }
      - { type: outOfOrder, rate: 0.05 }
      - { type: badQuality, from: 30s, to: 40s }
      - { type: clockSkew, offset: -2s, from: 50s }
      - { type: gap, from: 60s, to: 70s }
`;
    const messages = run(yaml, 100);
    const samples = messages.map((m) => m.sample);
    const repeats = samples.length - new Set(samples).size;
    expect(repeats).toBeGreaterThan(20);
    expect(repeats).toBeLessThan(80);
    const inversions = samples.filter((s, i) => i > 0 && s < samples[i - 1]!).length;
    expect(inversions).toBeGreaterThan(10);
    const inWindow = (from: number, to: number) =>
      messages.filter((m) => m.sample / 10 >= from && m.sample / 10 < to);
    expect(inWindow(30, 40).every((m) => m.payload.quality === 'bad')).toBe(true);
    expect(inWindow(0, 30).every((m) => m.payload.quality === 'good')).toBe(true);
    for (const m of inWindow(50, 60)) {
      expect(Date.parse(m.payload.ts as string)).toBe(START + (m.sample / 10 - 2) * 1000);
    }
    expect(inWindow(60, 70)).toEqual([]);
  });

  it('a scenario naming unknown channels is refused with its line and a suggestion', () => {
    const yaml = 'seed: 3\nchannels:\n  spindleVibraton:\n    noise: 1\n  conveyorSpeed: {}\n';
    try {
      parseScenario(yaml, known, 'wear.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      const { code, problems, message } = error as UserError;
      expect(code).toBe('SCENARIO_UNKNOWN_CHANNEL');
      expect(message).toBe('wear.yaml names 2 channels no contract declares.');
      expect(problems).toEqual([
        expect.objectContaining({
          line: 3,
          message: 'unknown channel "spindleVibraton" (did you mean "spindleVibration"?)',
        }),
        expect.objectContaining({ line: 5, message: 'unknown channel "conveyorSpeed"' }),
      ]);
    }
  });

  it('a malformed effect is refused with its line', () => {
    const yaml =
      'channels:\n  spindleVibration:\n    effects:\n      - { type: drift, perHour: 1 }\n      - { type: wobble }\n';
    expect(() => parseScenario(yaml, known, 'bad.yaml')).toThrowError(
      expect.objectContaining({
        problems: [expect.objectContaining({ line: 5, path: 'channels.spindleVibration.effects[1].type' })],
      }),
    );
  });
});
