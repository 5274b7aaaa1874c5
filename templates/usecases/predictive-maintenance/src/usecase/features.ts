import { max, mean, slope, std, timeline } from '../features/statistics.js';

/**
 * Features of one window of asset telemetry: level, spread, peak and trend of every signal,
 * and how complete the window is. Trends use the samples' own timestamps, so dropouts (uneven
 * spacing) do not bias the slope.
 */
export interface AssetSample {
  timestamp: string;
  vibrationRms: number;
  bearingTemperature: number;
  motorCurrent: number;
  rotationalSpeed: number;
}

export interface WindowInput {
  asset: string;
  samples: AssetSample[];
}

const SIGNAL_NAMES = ['vibrationRms', 'bearingTemperature', 'motorCurrent', 'rotationalSpeed'] as const;
const STATISTICS = ['mean', 'std', 'max', 'slopePerS'] as const;
const SAMPLE_RATE_HZ = 10;

export const FEATURE_NAMES = [
  ...SIGNAL_NAMES.flatMap((signal) => STATISTICS.map((statistic) => `${signal}_${statistic}`)),
  'coverage',
] as const;

export function computeFeatures(input: WindowInput): number[] {
  const { sorted, seconds } = timeline(input.samples);
  const features: number[] = [];
  for (const name of SIGNAL_NAMES) {
    const values = sorted.map((sample) => sample[name]);
    features.push(mean(values), std(values), max(values), slope(seconds, values));
  }
  const span = seconds[seconds.length - 1] ?? 0;
  features.push(Math.min(1, sorted.length / (span * SAMPLE_RATE_HZ + 1)));
  return features;
}
