import type { ContractDocument } from '../document/load-contract.js';
import { resolveRefs } from '../document/resolve-refs.js';

/** A numeric reading in a payload, with the engineering facts the contract declares. */
export interface SensorField {
  name: string;
  integer: boolean;
  unit?: string;
  minimum?: number;
  maximum?: number;
  /** x-nominal: the usual operating value; simulation centres on it. */
  nominal?: number;
  /** x-noise: standard deviation of healthy noise. */
  noise?: number;
  /** The value in the message example, a realistic baseline when no nominal is given. */
  example?: number;
  /** A field's own x-sample-rate-hz when slower than its message: the value holds in between. */
  rateHz?: number;
}

export interface QualityField {
  name: string;
  good: string | number;
  bad?: string | number;
  uncertain?: string | number;
}

/** One channel of an AsyncAPI 3 document, refs resolved. */
export interface Channel {
  id: string;
  /** The exact MQTT topic (parameters substituted with their first enum/default/example). */
  address: string;
  /** The address as written, with {parameters}. */
  addressTemplate: string;
  /**
   * The topics this channel instance covers: enum parameters fixed to this instance's value,
   * others left as {parameter} (any value). Verify matches messages with it.
   */
  topicPattern: string;
  /** Set when enum parameters make several instances of one channel (e.g. one per asset). */
  instance?: string;
  location: PropertyKey[];
  /**
   * Who publishes here. The contract describes the AI system (as poc init writes it): a channel
   * it `receive`s (or one without operations) is published by the plant, so the mock plays it
   * and verify listens to it; a channel it `send`s is published by the AI system itself.
   */
  publishedBy: 'plant' | 'app';
  rateHz?: number;
  /** Maximum silence before a reading counts as stale, from x-max-gap-seconds or 3 periods. */
  maxGapSeconds?: number;
  /** Minimum share of good-quality readings, from x-min-good-share (default 0.95). */
  minGoodShare: number;
  payload: unknown;
  example?: unknown;
  fields: SensorField[];
  timestampField?: { name: string; format: 'date-time' | 'epoch-ms' };
  /** A per-message counter (x-sequence, or an integer named seq/sequence): a jump is lost data. */
  sequenceField?: { name: string; start: number };
  qualityField?: QualityField;
}

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj =>
  Boolean(value) && typeof value === 'object' && !Array.isArray(value);
const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

export function listChannels(contract: ContractDocument): Channel[] {
  const root = contract.root as Obj;
  const channels = isObj(root.channels) ? root.channels : {};
  const operations = isObj(root.operations) ? root.operations : {};
  const actionOf = new Map<string, { action: 'send' | 'receive'; operation: Obj }>();
  for (const raw of Object.values(operations)) {
    if (!isObj(raw) || !isObj(raw.channel) || typeof raw.channel.$ref !== 'string') continue;
    const id = raw.channel.$ref.replace(/^#\/channels\//, '');
    const action = raw.action === 'send' ? 'send' : 'receive';
    // A channel the system both receives and sends on is treated as plant data.
    if (actionOf.get(id)?.action !== 'receive') actionOf.set(id, { action, operation: raw });
  }
  const out: Channel[] = [];
  for (const [id, rawChannel] of Object.entries(channels)) {
    const channel = resolveRefs(rawChannel, root) as Obj;
    if (!isObj(channel)) continue;
    const template = typeof channel.address === 'string' ? channel.address : id;
    const messages = isObj(channel.messages) ? Object.values(channel.messages).filter(isObj) : [];
    const message = messages[0] ?? {};
    const payload = unwrapPayload(message.payload);
    const declared = actionOf.get(id);
    const rate =
      num(declared?.operation['x-sample-rate-hz']) ??
      num(channel['x-sample-rate-hz']) ??
      num(message['x-sample-rate-hz']) ??
      (isObj(payload) ? num(payload['x-sample-rate-hz']) : undefined);
    const example = messageExample(message, payload);
    const instances = expandAddress(template, channel.parameters);
    for (const { address, pattern } of instances)
      out.push({
        id,
        address,
        addressTemplate: template,
        topicPattern: pattern,
        instance: instances.length > 1 ? address : undefined,
        location: ['channels', id],
        publishedBy: declared?.action === 'send' ? 'app' : 'plant',
        rateHz: rate,
        maxGapSeconds: num(channel['x-max-gap-seconds']) ?? (rate ? 3 / rate : undefined),
        minGoodShare: num(channel['x-min-good-share']) ?? 0.95,
        payload,
        example,
        ...describePayload(payload, example),
      });
  }
  return out;
}

/** AsyncAPI 3 allows a multi-format schema object: { schemaFormat, schema }. */
function unwrapPayload(payload: unknown): unknown {
  if (isObj(payload) && 'schemaFormat' in payload && isObj(payload.schema)) return payload.schema;
  return payload ?? {};
}

function messageExample(message: Obj, payload: unknown): unknown {
  const examples = Array.isArray(message.examples) ? message.examples : [];
  const first = examples.find((e) => isObj(e) && 'payload' in e) as Obj | undefined;
  if (first) return first.payload;
  if (isObj(payload) && 'example' in payload) return payload.example;
  if (isObj(payload) && Array.isArray(payload.examples)) return payload.examples[0];
  return undefined;
}

/** Most channel instances one channel expands to (enum parameters multiply). */
const MAX_INSTANCES = 1000;

/**
 * The concrete topics of an address. A parameter with an `enum` names every value that exists
 * (each asset of a line), so each gets its own instance; any other parameter takes its default
 * or first example in the mock, and any value in verify.
 */
function expandAddress(template: string, parameters: unknown): { address: string; pattern: string }[] {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const spec = (name: string): Obj => (isObj(parameters) && isObj(parameters[name]) ? parameters[name] : {});
  let combos: Record<string, string>[] = [{}];
  for (const name of names) {
    const values = spec(name).enum;
    if (!Array.isArray(values) || values.length === 0) continue;
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: String(value) })));
    if (combos.length > MAX_INSTANCES) combos = combos.slice(0, MAX_INSTANCES);
  }
  return combos.map((fixed) => {
    const fill = (keepOpen: boolean) =>
      template.replace(/\{([^}]+)\}/g, (whole, name: string) => {
        if (name in fixed) return fixed[name] as string;
        if (keepOpen) return whole;
        const p = spec(name);
        const value = p.default ?? (Array.isArray(p.examples) ? p.examples[0] : undefined);
        return value === undefined ? name : String(value);
      });
    return { address: fill(false), pattern: fill(true) };
  });
}

function describePayload(
  payload: unknown,
  example: unknown,
): Pick<Channel, 'fields' | 'timestampField' | 'qualityField' | 'sequenceField'> {
  const properties = isObj(payload) && isObj(payload.properties) ? payload.properties : {};
  const fields: SensorField[] = [];
  let timestampField: Channel['timestampField'];
  let qualityField: QualityField | undefined;
  let sequenceField: Channel['sequenceField'];
  for (const [name, raw] of Object.entries(properties)) {
    if (!isObj(raw)) continue;
    const type = Array.isArray(raw.type) ? raw.type.find((t) => t !== 'null') : raw.type;
    if (raw['x-timestamp'] === true || (type === 'string' && raw.format === 'date-time' && !timestampField)) {
      timestampField = { name, format: 'date-time' };
      continue;
    }
    if (
      (type === 'integer' || type === 'number') &&
      (raw['x-timestamp'] === true || /^(ts|timestamp|time)(_?ms)?$/i.test(name))
    ) {
      timestampField = { name, format: 'epoch-ms' };
      continue;
    }
    if (
      raw['x-sequence'] === true ||
      (type === 'integer' && /^seq(uence)?(_?(no|nr|number))?$/i.test(name))
    ) {
      sequenceField = { name, start: (isObj(example) ? num(example[name]) : undefined) ?? 0 };
      continue;
    }
    if (raw['x-quality'] === true || (/^quality$/i.test(name) && Array.isArray(raw.enum))) {
      qualityField = qualityOf(name, raw);
      continue;
    }
    if (type === 'number' || type === 'integer') {
      fields.push({
        name,
        integer: type === 'integer',
        unit: typeof raw['x-unit'] === 'string' ? raw['x-unit'] : undefined,
        minimum: num(raw.minimum) ?? num(raw.exclusiveMinimum),
        maximum: num(raw.maximum) ?? num(raw.exclusiveMaximum),
        nominal: num(raw['x-nominal']),
        noise: num(raw['x-noise']),
        example: isObj(example) ? num(example[name]) : num(raw.example),
        rateHz: num(raw['x-sample-rate-hz']),
      });
    }
  }
  return { fields, timestampField, qualityField, sequenceField };
}

function qualityOf(name: string, schema: Obj): QualityField {
  const values = (Array.isArray(schema.enum) ? schema.enum : []) as (string | number)[];
  const find = (pattern: RegExp) => values.find((value) => pattern.test(String(value)));
  return {
    name,
    good: find(/^(good|ok|192)$/i) ?? values[0] ?? 'good',
    bad: find(/^bad|^0$/i),
    uncertain: find(/^uncertain|^64$/i),
  };
}
