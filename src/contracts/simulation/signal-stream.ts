import type { Channel, SensorField } from '../asyncapi/channels.js';
import { sampleFromSchema } from '../document/sample-from-schema.js';
import { createRandom, hashSeed, type Random } from '../random.js';
import type { ChannelScenario, Effect, Scenario } from './scenario.js';

/** One message of a simulated stream. */
export interface SimMessage {
  channelId: string;
  topic: string;
  /** When it is sent, in seconds of virtual time since the start of the run. */
  sendAt: number;
  /** Index of the sample it carries (a duplicate repeats it; out-of-order swaps neighbours). */
  sample: number;
  payload: Record<string, unknown>;
}

export interface ChannelStream {
  channel: Channel;
  rateHz: number;
  /** Every message sent up to `seconds` of virtual time, in send order. */
  takeUntil(seconds: number): SimMessage[];
}

const DEFAULT_RATE_HZ = 1;

type FieldModel = {
  field: SensorField;
  baseline: number;
  noise: number;
  effects: Effect[];
  /** Samples per update, for a field slower than its message (held in between). */
  every: number;
  held?: number;
  last?: number;
};

/**
 * A seeded, deterministic sensor stream for one channel: healthy signal (baseline + Gaussian
 * noise inside the declared range) shaped by the scenario's effects. Value effects (drift, step,
 * spikes, stuck) change readings; delivery effects (dropouts, gaps, out-of-order, duplicates,
 * bad quality, clock skew) change what is sent and when. Same seed, same stream.
 */
export function createChannelStream(
  channel: Channel,
  scenario: Scenario,
  seed: number,
  startMs: number,
): ChannelStream {
  const own: ChannelScenario | undefined =
    scenario.channels[channel.id] ?? scenario.channels[channel.address];
  const shared = scenario.all;
  const effects = [...(shared?.effects ?? []), ...(own?.effects ?? [])];
  const target = own?.field ?? shared?.field;
  const random = createRandom(hashSeed(seed, channel.id, channel.address));
  const rateHz = channel.rateHz && channel.rateHz > 0 ? channel.rateHz : DEFAULT_RATE_HZ;
  const template =
    channel.example ??
    sampleFromSchema(channel.payload, {
      random: createRandom(hashSeed(seed, channel.id, 'template')),
      now: startMs,
    });
  const base = template && typeof template === 'object' && !Array.isArray(template) ? template : {};
  const models: FieldModel[] = channel.fields.map((field) => {
    const targeted = target === undefined || target === field.name;
    const scenarioFor = targeted ? { ...shared, ...own } : undefined;
    return {
      field,
      baseline: scenarioFor?.baseline ?? defaultBaseline(field),
      noise: scenarioFor?.noise ?? defaultNoise(field),
      effects: targeted ? effects : [],
      every: field.rateHz && field.rateHz < rateHz ? Math.max(1, Math.round(rateHz / field.rateHz)) : 1,
    };
  });
  const delivery = effects;
  let sample = 0;
  let silentUntil = -1;
  let heldBack: SimMessage | undefined;

  const reading = (model: FieldModel, t: number): number => {
    const { field } = model;
    if (model.last !== undefined && sample % model.every !== 0) return model.last;
    let value = model.baseline + model.noise * random.normal();
    let stuck = false;
    for (const effect of model.effects) {
      switch (effect.type) {
        case 'drift': {
          const from = effect.from ?? 0;
          const until = Math.min(t, effect.to ?? Infinity);
          if (until > from) value += (effect.perHour * (until - from)) / 3600;
          break;
        }
        case 'step':
          if (t >= effect.at) value += effect.by;
          break;
        case 'spikes':
          if (inWindow(effect, t) && random.chance(effect.rate))
            value += effect.magnitude ?? spikeSize(field, random);
          break;
        case 'stuck':
          if (inWindow(effect, t)) stuck = true;
          break;
      }
    }
    value = clamp(value, field);
    if (stuck) {
      model.held ??= value;
      value = model.held;
    } else {
      model.held = undefined;
    }
    model.last = field.integer ? Math.round(value) : Math.round(value * 1e4) / 1e4;
    return model.last;
  };

  const build = (t: number): SimMessage[] => {
    const payload: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const model of models) payload[model.field.name] = reading(model, t);
    let quality: 'good' | 'bad' | 'uncertain' = 'good';
    let skew = 0;
    let dropped = t < silentUntil;
    let duplicate = false;
    let swap = false;
    for (const effect of delivery) {
      if (!inWindow(effect, t)) continue;
      switch (effect.type) {
        case 'dropouts':
          if (!dropped && random.chance(effect.rate)) {
            dropped = true;
            silentUntil = t + (effect.length ?? 0);
          }
          break;
        case 'gap':
          dropped = true;
          break;
        case 'badQuality':
          if (random.chance(effect.rate)) quality = effect.value;
          break;
        case 'clockSkew':
          skew += effect.offset;
          break;
        case 'duplicates':
          duplicate ||= random.chance(effect.rate);
          break;
        case 'outOfOrder':
          swap ||= random.chance(effect.rate);
          break;
      }
    }
    const { timestampField, qualityField, sequenceField } = channel;
    if (sequenceField) payload[sequenceField.name] = sequenceField.start + sample;
    const stamp = startMs + (t + skew) * 1000;
    if (timestampField)
      payload[timestampField.name] =
        timestampField.format === 'epoch-ms' ? Math.round(stamp) : new Date(stamp).toISOString();
    if (qualityField)
      payload[qualityField.name] =
        quality === 'good'
          ? qualityField.good
          : (qualityField[quality] ?? qualityField.bad ?? qualityField.good);
    const out: SimMessage[] = [];
    if (!dropped) {
      const message = { channelId: channel.id, topic: channel.address, sendAt: t, sample, payload };
      if (swap && !heldBack)
        heldBack = message; // sent after the next one
      else {
        out.push(message);
        if (duplicate) out.push({ ...message, payload: { ...payload } });
      }
    }
    if (heldBack && out.length > 0) {
      out.push({ ...heldBack, sendAt: t });
      heldBack = undefined;
    }
    return out;
  };

  return {
    channel,
    rateHz,
    takeUntil(seconds) {
      const out: SimMessage[] = [];
      while (sample / rateHz <= seconds) {
        out.push(...build(sample / rateHz));
        sample++;
      }
      return out;
    },
  };
}

function inWindow(effect: Effect, t: number): boolean {
  const from = 'from' in effect && effect.from !== undefined ? effect.from : 0;
  const to = 'to' in effect && effect.to !== undefined ? effect.to : Infinity;
  return t >= from && t < to;
}

function defaultBaseline(field: SensorField): number {
  if (field.nominal !== undefined) return field.nominal;
  if (field.example !== undefined) return field.example;
  if (field.minimum !== undefined && field.maximum !== undefined) return (field.minimum + field.maximum) / 2;
  return field.minimum ?? field.maximum ?? 0;
}

function defaultNoise(field: SensorField): number {
  if (field.noise !== undefined) return field.noise;
  if (field.minimum !== undefined && field.maximum !== undefined)
    return (field.maximum - field.minimum) / 100;
  return Math.max(Math.abs(defaultBaseline(field)) / 100, 0.01);
}

function spikeSize(field: SensorField, random: Random): number {
  const range =
    field.minimum !== undefined && field.maximum !== undefined
      ? field.maximum - field.minimum
      : 10 * defaultNoise(field);
  return (random.chance(0.5) ? 1 : -1) * 0.2 * range;
}

/** A sensor saturates at the ends of its measuring range. */
function clamp(value: number, field: SensorField): number {
  return Math.min(field.maximum ?? Infinity, Math.max(field.minimum ?? -Infinity, value));
}
