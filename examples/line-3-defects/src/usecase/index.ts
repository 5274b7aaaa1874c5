import type { Assembler, Telemetry, UseCase } from '../features/types.js';
import { FEATURE_NAMES, computeFeatures, type PartInput, type StationSample } from './features.js';
import { MAX_SAMPLES, MIN_SAMPLES, SIGNALS, requestSchema, telemetrySchema } from './schema.js';

const part = (serialNumber: string, temperature: number): PartInput => ({
  serialNumber,
  station: 'plant-a/line-3/vision-2',
  samples: Array.from({ length: 8 }, (_, i) => ({
    timestamp: new Date(Date.UTC(2026, 2, 2, 9, 41, 17, i * 100)).toISOString(),
    conveyorSpeed: 0.42 + (i % 2) * 0.004,
    partTemperature: temperature + (i % 3) * 0.2,
    illuminance: 5200 - (i % 4) * 20,
    vibrationRms: 1.8 + (i % 3) * 0.05,
  })),
});

/** Quality inspection: the station telemetry of one part, classified ok or defect. */
export const useCase: UseCase<PartInput> = {
  id: 'quality-inspection',
  classes: ['ok', 'defect'],
  positiveClass: 'defect',
  featureNames: FEATURE_NAMES,
  requestSchema,
  computeFeatures,
  example: part('BC220-26-0845', 38.6),
  unusualExample: part('BC220-26-0846', 140),
  sensors: {
    topic: 'plant/+/+/station/+/telemetry',
    deviceLevels: [1, 2, 4],
    contractSchema: 'StationTelemetry',
    telemetrySchema,
    signals: SIGNALS,
    example: {
      timestamp: '2026-03-02T09:41:17.200Z',
      sequence: 3120544,
      partPresent: true,
      serialNumber: 'BC220-26-0845',
      conveyorSpeed: 0.42,
      partTemperature: 38.6,
      illuminance: 5200,
      vibrationRms: 1.8,
      ambientHumidity: 41,
      quality: 'good',
    },
    resultSchema: 'Verdict',
    // A verdict per part on .../verdicts; a review is published as such, never as a pass.
    result: (telemetryTopic, input, outcome) => ({
      topic: telemetryTopic.replace(/\/telemetry$/, '/verdicts'),
      payload: {
        serialNumber: input.serialNumber,
        verdict:
          outcome.decision === 'review' ? 'review' : outcome.prediction === 'defect' ? 'defect' : 'pass',
        confidence: outcome.confidence,
        modelVersion: outcome.modelVersion,
        latencyMs: outcome.latencyMs,
        timestamp: new Date().toISOString(),
      },
    }),
  },
  createAssembler: () => new PartAssembler(),
};

export type PredictInput = PartInput;

/**
 * Collects each station's samples while a part is under the camera (light barrier on, one
 * serial number); when the part leaves, or the next serial appears, the part is complete.
 */
class PartAssembler implements Assembler<PartInput> {
  private readonly parts = new Map<string, PartInput>();

  push(device: string, sample: Telemetry): PartInput | undefined {
    const current = this.parts.get(device);
    const serial =
      sample.partPresent === true && typeof sample.serialNumber === 'string'
        ? sample.serialNumber
        : undefined;
    if (current && current.serialNumber === serial) {
      current.samples.push(pick(sample));
      if (current.samples.length < MAX_SAMPLES) return undefined;
      this.parts.delete(device);
      return current;
    }
    this.parts.delete(device);
    if (serial) this.parts.set(device, { serialNumber: serial, station: device, samples: [pick(sample)] });
    return current && current.samples.length >= MIN_SAMPLES ? current : undefined;
  }
}

function pick(sample: Telemetry): StationSample {
  return {
    timestamp: sample.timestamp,
    conveyorSpeed: sample.conveyorSpeed as number,
    partTemperature: sample.partTemperature as number,
    illuminance: sample.illuminance as number,
    vibrationRms: sample.vibrationRms as number,
  };
}
