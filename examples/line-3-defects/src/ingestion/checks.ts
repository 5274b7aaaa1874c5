import { ajv, toFieldErrors, useCase, type Telemetry } from '../features/index.js';

export type Verdict =
  | { accepted: true; device: string; sample: Telemetry; gap: number }
  | { accepted: false; reason: RejectReason; detail: string };

export type RejectReason =
  'malformed' | 'topic' | 'schema' | 'range' | 'quality' | 'stale' | 'future' | 'duplicate' | 'out-of-order';

const { signals, deviceLevels } = useCase.sensors;
const validateTelemetry = ajv.compile<Telemetry>(useCase.sensors.telemetrySchema);

/** Sequence numbers remembered per device for duplicate detection. */
const REMEMBERED = 1024;
/** Clock skew tolerated before a timestamp counts as in the future. */
const FUTURE_TOLERANCE_MS = 5_000;

/**
 * Ingestion-time data quality, in the order that makes the reason most useful: is it a message
 * at all, is it the contract's shape, are the readings physically possible, does the sensor
 * trust them (quality flag: `bad` is dropped and `uncertain` treated as missing, as the contract
 * says), is it fresh, and is it new and in order for its device. Malformed records never reach
 * the model. Gaps are counted, not rejected: the data that did arrive is good.
 */
export class TelemetryChecks {
  private readonly devices = new Map<string, { last: number; seen: Set<number>; order: number[] }>();

  constructor(private readonly maxAgeMs: number) {}

  check(topic: string, payload: Buffer, now = Date.now()): Verdict {
    const levels = topic.split('/');
    const device = deviceLevels.map((level) => levels[level] ?? '').join('/');
    if (deviceLevels.some((level) => !levels[level]))
      return { accepted: false, reason: 'topic', detail: `topic ${topic} names no device` };
    let sample: unknown;
    try {
      sample = JSON.parse(payload.toString('utf8'));
    } catch {
      return { accepted: false, reason: 'malformed', detail: 'payload is not JSON' };
    }
    if (!validateTelemetry(sample)) {
      const errors = toFieldErrors(validateTelemetry.errors ?? []);
      return {
        accepted: false,
        reason: 'schema',
        detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      };
    }
    for (const signal of signals) {
      const value = sample[signal.name] as number;
      if (value < signal.min || value > signal.max) {
        return {
          accepted: false,
          reason: 'range',
          detail: `${signal.name}=${value} ${signal.unit} outside [${signal.min}, ${signal.max}]`,
        };
      }
    }
    if (sample.quality !== 'good') {
      return {
        accepted: false,
        reason: 'quality',
        detail: `quality ${sample.quality}${sample.qualityReason ? ` (${sample.qualityReason})` : ''}`,
      };
    }
    const at = Date.parse(sample.timestamp);
    if (now - at > this.maxAgeMs)
      return { accepted: false, reason: 'stale', detail: `sample is ${Math.round((now - at) / 1000)} s old` };
    if (at - now > FUTURE_TOLERANCE_MS)
      return { accepted: false, reason: 'future', detail: 'timestamp is in the future' };
    return this.sequence(device, sample);
  }

  private sequence(device: string, sample: Telemetry): Verdict {
    let state = this.devices.get(device);
    if (!state) {
      state = { last: -1, seen: new Set(), order: [] };
      this.devices.set(device, state);
    }
    const seq = sample.sequence;
    if (state.seen.has(seq))
      return {
        accepted: false,
        reason: 'duplicate',
        detail: `sequence ${seq} already received from ${device}`,
      };
    if (seq < state.last)
      return {
        accepted: false,
        reason: 'out-of-order',
        detail: `sequence ${seq} arrived after ${state.last} from ${device}`,
      };
    const gap = state.last < 0 ? 0 : seq - state.last - 1;
    state.last = seq;
    state.seen.add(seq);
    state.order.push(seq);
    if (state.order.length > REMEMBERED) state.seen.delete(state.order.shift()!);
    return { accepted: true, device, sample, gap };
  }
}
