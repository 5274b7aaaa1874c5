import type { Channel } from '../asyncapi/channels.js';
import { describePointer, type Validate } from '../document/schema-validator.js';
import type { CheckResult } from './report.js';

/** Samples a stream may lose (by its sequence counter) before it fails. */
const MAX_LOST_SHARE = 0.01;

/** A message as observed by the verifier. */
export interface Observed {
  topic: string;
  /** Arrival, epoch ms. */
  receivedAt: number;
  text: string;
}

export interface StreamCheckOptions {
  windowSeconds: number;
  /** When listening began and ended (epoch ms): silence at either end is a gap too. */
  windowStart: number;
  windowEnd: number;
  /** Readings older than this when they arrive are stale (or the source clock is skewed). */
  maxStalenessSeconds: number;
  /** Share of the declared rate that must be met (and not exceeded by more than its inverse). */
  rateTolerance: number;
}

/**
 * The temporal and semantic checks of one channel over an observation window: messages arrive
 * at all, at the declared rate, without long gaps, in order, fresh, valid against the payload
 * schema, and mostly good quality. Findings name numbers, not just "failed".
 */
export function checkChannel(
  channel: Channel,
  messages: Observed[],
  validate: Validate,
  options: StreamCheckOptions,
): Omit<CheckResult, 'location'>[] {
  const out: Omit<CheckResult, 'location'>[] = [];
  const subject = channel.instance ? `${channel.id} ${channel.instance}` : channel.id;
  const result = (check: string, passed: boolean, details: string[]) =>
    out.push({ subject, check, passed, details });
  if (messages.length === 0) {
    result('messages', false, [`no message on ${channel.address} in ${options.windowSeconds} s`]);
    return out;
  }
  result('messages', true, [`${messages.length} messages on ${channel.address}`]);

  const rate = messages.length / options.windowSeconds;
  if (channel.rateHz) {
    const low = channel.rateHz * options.rateTolerance;
    const high = channel.rateHz / options.rateTolerance;
    result('rate', rate >= low && rate <= high, [
      `${rate.toFixed(2)} msg/s observed, ${channel.rateHz} Hz declared (accepted ${low.toFixed(2)}–${high.toFixed(2)})`,
    ]);
  }

  const invalid: string[] = [];
  let invalidCount = 0;
  const parsed: Record<string, unknown>[] = [];
  for (const message of messages) {
    let payload: unknown;
    try {
      payload = JSON.parse(message.text);
    } catch {
      invalidCount++;
      if (invalid.length < 5) invalid.push(`not JSON: ${message.text.slice(0, 60)}`);
      continue;
    }
    const violations = validate(payload);
    if (violations.length > 0) {
      invalidCount++;
      for (const v of violations) {
        const line = `${describePointer(v.pointer, 'payload')}: ${v.message}`;
        if (invalid.length < 5 && !invalid.includes(line)) invalid.push(line);
      }
    }
    if (payload && typeof payload === 'object') parsed.push(payload as Record<string, unknown>);
  }
  result(
    'payload',
    invalidCount === 0,
    invalidCount === 0
      ? [`all ${messages.length} payloads match the schema`]
      : [`${invalidCount} of ${messages.length} payloads violate the schema`, ...invalid],
  );

  const arrivalsWithEnds = [options.windowStart, ...messages.map((m) => m.receivedAt), options.windowEnd];
  let maxGap = 0;
  for (let i = 1; i < arrivalsWithEnds.length; i++) {
    maxGap = Math.max(maxGap, (arrivalsWithEnds[i]! - arrivalsWithEnds[i - 1]!) / 1000);
  }
  if (channel.maxGapSeconds !== undefined) {
    // Arrival jitter on a loaded machine is not a plant gap: never flag below 1 s.
    const allowed = Math.max(channel.maxGapSeconds, 1);
    result('gaps', maxGap <= allowed, [
      `longest silence ${maxGap.toFixed(2)} s (allowed ${allowed.toFixed(2)} s)`,
    ]);
  }

  const field = channel.timestampField;
  if (field) {
    const stamps = parsed.map((p) => toMs(p[field.name])).filter((t): t is number => t !== undefined);
    const arrivals = messages.map((m) => m.receivedAt);
    let backwards = 0;
    let repeats = 0;
    for (let i = 1; i < stamps.length; i++) {
      if (stamps[i]! < stamps[i - 1]!) backwards++;
      else if (stamps[i] === stamps[i - 1]) repeats++;
    }
    result('order', backwards === 0 && repeats === 0, [
      `${backwards} out-of-order and ${repeats} duplicate timestamps in ${stamps.length} readings`,
    ]);
    const lags = stamps.map((stamp, i) => ((arrivals[i] ?? stamp) - stamp) / 1000);
    const worst = lags.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
    result('staleness', Math.abs(worst) <= options.maxStalenessSeconds, [
      `largest timestamp offset ${worst.toFixed(2)} s from arrival (allowed ±${options.maxStalenessSeconds} s)`,
    ]);
  }

  const sequence = channel.sequenceField;
  if (sequence) {
    const numbers = parsed.map((p) => p[sequence.name]).filter((n): n is number => typeof n === 'number');
    let lost = 0;
    let repeated = 0;
    for (let i = 1; i < numbers.length; i++) {
      const step = numbers[i]! - numbers[i - 1]!;
      if (step > 1) lost += step - 1;
      else if (step === 0) repeated++;
    }
    const share = numbers.length ? lost / (numbers.length + lost) : 0;
    result('sequence', share <= MAX_LOST_SHARE, [
      `${lost} samples lost (${(share * 100).toFixed(1)}%, allowed ${MAX_LOST_SHARE * 100}%) and ${repeated} repeated, by ${sequence.name}`,
    ]);
  }

  const quality = channel.qualityField;
  if (quality) {
    const good = parsed.filter((p) => p[quality.name] === quality.good).length;
    const share = parsed.length ? good / parsed.length : 0;
    result('quality', share >= channel.minGoodShare, [
      `${(share * 100).toFixed(1)}% good readings (required ${(channel.minGoodShare * 100).toFixed(1)}%)`,
    ]);
  }
  return out;
}

function toMs(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}
