import { UserError } from '../core/errors.js';
import { parseSeconds } from './simulation/duration.js';

/** "--latency 50" (fixed) or "20-200" (uniform range), in ms. */
export function parseLatency(value: string | undefined): [number, number] {
  if (value === undefined) return [0, 0];
  const match = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?(ms)?$/.exec(value.trim());
  const min = Number(match?.[1]);
  const max = match?.[2] === undefined ? min : Number(match[2]);
  if (!match || max < min) {
    throw new UserError(`--latency "${value}" is not a delay in milliseconds.`, {
      code: 'INVALID_FLAG',
      hint: 'Use e.g. --latency 50 for a fixed delay or --latency 20-200 for a range.',
    });
  }
  return [min, max];
}

/** A duration flag ("90s", "2h", "500ms") in seconds. */
export function parseDurationFlag(flag: string, value: string): number {
  const seconds = parseSeconds(value);
  if (seconds === undefined || seconds <= 0) {
    throw new UserError(`--${flag} "${value}" is not a duration.`, {
      code: 'INVALID_FLAG',
      hint: `Use e.g. --${flag} 30s, 10m or 2h.`,
    });
  }
  return seconds;
}
