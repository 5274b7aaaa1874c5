import { max, mean, min, std, timeline } from '../features/statistics.js';

/**
 * Features of one inspected part, from the station telemetry taken while it was under the
 * camera: how hot and how evenly heated it was, how well lit, how much the conveyor shook and
 * whether it ran steadily. Samples are ordered by their own timestamps.
 */
export interface StationSample {
  timestamp: string;
  conveyorSpeed: number;
  partTemperature: number;
  illuminance: number;
  vibrationRms: number;
}

export interface PartInput {
  serialNumber: string;
  station?: string;
  samples: StationSample[];
}

const SAMPLE_RATE_HZ = 10;

export const FEATURE_NAMES = [
  'partTemperature_mean',
  'partTemperature_max',
  'partTemperature_std',
  'illuminance_min',
  'illuminance_mean',
  'vibrationRms_mean',
  'vibrationRms_max',
  'conveyorSpeed_mean',
  'conveyorSpeed_std',
  'coverage',
] as const;

export function computeFeatures(input: PartInput): number[] {
  const { sorted, seconds } = timeline(input.samples);
  const column = (name: keyof Omit<StationSample, 'timestamp'>) => sorted.map((sample) => sample[name]);
  const temperature = column('partTemperature');
  const light = column('illuminance');
  const vibration = column('vibrationRms');
  const speed = column('conveyorSpeed');
  const span = seconds[seconds.length - 1] ?? 0;
  return [
    mean(temperature),
    max(temperature),
    std(temperature),
    min(light),
    mean(light),
    mean(vibration),
    max(vibration),
    mean(speed),
    std(speed),
    Math.min(1, sorted.length / (span * SAMPLE_RATE_HZ + 1)),
  ];
}
