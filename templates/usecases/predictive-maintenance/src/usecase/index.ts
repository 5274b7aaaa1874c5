import type { Assembler, Telemetry, UseCase } from '../features/types.js';
import { FEATURE_NAMES, computeFeatures, type AssetSample, type WindowInput } from './features.js';
import { SIGNALS, requestSchema, telemetrySchema } from './schema.js';

/** Samples per window the subscriber assembles from the stream: 5 s at 10 Hz. */
const STREAM_WINDOW = 50;

const window = (asset: string, temperature: number): WindowInput => ({
  asset,
  samples: Array.from({ length: 50 }, (_, i) => ({
    timestamp: new Date(Date.UTC(2026, 2, 2, 9, 41, 17, i * 100)).toISOString(),
    // Deterministic wiggles with the noise levels of real telemetry.
    vibrationRms: Math.round((2.0 + 0.2 * Math.sin(i * 1.1)) * 1000) / 1000,
    bearingTemperature: Math.round((temperature + 0.35 * Math.sin(i * 2.3)) * 100) / 100,
    motorCurrent: Math.round((40.5 + 1.0 * Math.sin(i * 0.9)) * 100) / 100,
    rotationalSpeed: Math.round((1480 + 5 * Math.sin(i * 1.3)) * 10) / 10,
  })),
});

/** Predictive maintenance: one window of asset telemetry, scored normal or anomaly. */
export const useCase: UseCase<WindowInput> = {
  id: 'predictive-maintenance',
  classes: ['normal', 'anomaly'],
  positiveClass: 'anomaly',
  featureNames: FEATURE_NAMES,
  requestSchema,
  computeFeatures,
  example: window('plant-a/line-3/pump-7', 58.2),
  unusualExample: window('plant-a/line-3/pump-8', 145),
  sensors: {
    topic: 'plant/+/+/asset/+/telemetry',
    deviceLevels: [1, 2, 4],
    contractSchema: 'AssetTelemetry',
    telemetrySchema,
    signals: SIGNALS,
    example: {
      timestamp: '2026-03-02T09:41:17.200Z',
      sequence: 884120,
      running: true,
      vibrationRms: 2.3,
      vibrationPeak: 6.1,
      bearingTemperature: 58.2,
      motorCurrent: 41.7,
      rotationalSpeed: 1480,
      dischargePressure: 6.2,
      quality: 'good',
    },
    resultSchema: 'AnomalyScore',
    // An anomaly score per window on .../anomaly, with an alerting level for the operators.
    result: (telemetryTopic, input, outcome) => {
      const score = outcome.probabilities.anomaly ?? 0;
      const times = input.samples.map((sample) => sample.timestamp).sort();
      return {
        topic: telemetryTopic.replace(/\/telemetry$/, '/anomaly'),
        payload: {
          asset: telemetryTopic.split('/')[4] ?? input.asset,
          windowStart: times[0],
          windowEnd: times[times.length - 1],
          score,
          level: score < 0.5 ? 'normal' : score < 0.7 ? 'watch' : score < 0.9 ? 'warning' : 'alarm',
          confidence: outcome.confidence,
          modelVersion: outcome.modelVersion,
          latencyMs: outcome.latencyMs,
        },
      };
    },
  },
  createAssembler: () => new WindowAssembler(),
};

export type PredictInput = WindowInput;

/** Collects each running asset's samples into tumbling 5-second windows; a stop resets it. */
class WindowAssembler implements Assembler<WindowInput> {
  private readonly windows = new Map<string, AssetSample[]>();

  push(device: string, sample: Telemetry): WindowInput | undefined {
    if (sample.running !== true) {
      this.windows.delete(device);
      return undefined;
    }
    const samples = this.windows.get(device) ?? [];
    samples.push({
      timestamp: sample.timestamp,
      vibrationRms: sample.vibrationRms as number,
      bearingTemperature: sample.bearingTemperature as number,
      motorCurrent: sample.motorCurrent as number,
      rotationalSpeed: sample.rotationalSpeed as number,
    });
    if (samples.length < STREAM_WINDOW) {
      this.windows.set(device, samples);
      return undefined;
    }
    this.windows.delete(device);
    return { asset: device, samples };
  }
}
