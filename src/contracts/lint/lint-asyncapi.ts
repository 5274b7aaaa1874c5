import { listChannels } from '../asyncapi/channels.js';
import type { ContractDocument } from '../document/load-contract.js';
import { resolveRefs } from '../document/resolve-refs.js';
import type { SchemaValidator } from '../document/schema-validator.js';
import type { Report } from './finding.js';
import {
  isObj,
  lintExample,
  lintInfo,
  lintInlineExamples,
  lintRefs,
  lintSchemaCompiles,
} from './lint-common.js';

/**
 * AsyncAPI 3 structure (channels with addresses and messages, operations on existing channels),
 * payload schemas that compile, examples that match, and the engineering facts a sensor field
 * must carry: unit (x-unit), range (minimum/maximum) and, per published channel, a sample rate.
 */
export function lintAsyncApi(contract: ContractDocument, validator: SchemaValidator, report: Report): void {
  const root = contract.root;
  if (!/^3\.\d+\.\d+$/.test(contract.version)) {
    report(
      ['asyncapi'],
      'version',
      `AsyncAPI ${contract.version} is not supported; use 3.x (convert 2.x with "asyncapi convert")`,
    );
    return;
  }
  lintInfo(contract, report);
  lintRefs(contract, report);
  const resolve = (schema: unknown) => resolveRefs(schema, root);
  if (!isObj(root.channels) || Object.keys(root.channels).length === 0) {
    report(['channels'], 'channels', 'no channels: an MQTT contract needs at least one topic');
    return;
  }
  for (const [id, rawChannel] of Object.entries(root.channels)) {
    const channel = resolve(rawChannel);
    const at = ['channels', id];
    if (!isObj(channel)) continue;
    if (typeof channel.address !== 'string' || !channel.address)
      report(at, 'address', 'channel has no "address": the MQTT topic must be in the contract');
    else if (/[#+]/.test(channel.address))
      report(
        [...at, 'address'],
        'address',
        `address "${channel.address}" uses MQTT wildcards; use {parameters}`,
      );
    if (!isObj(channel.messages) || Object.keys(channel.messages).length === 0)
      report(at, 'messages', 'channel declares no messages');
  }
  if (isObj(root.operations)) {
    for (const [id, op] of Object.entries(root.operations)) {
      const at = ['operations', id];
      if (!isObj(op)) continue;
      if (op.action !== 'send' && op.action !== 'receive')
        report([...at, 'action'], 'operation', 'action must be "send" or "receive"');
      const ref = isObj(op.channel) ? op.channel.$ref : undefined;
      if (typeof ref !== 'string' || !ref.startsWith('#/channels/'))
        report(at, 'operation', 'operation must reference a channel with { $ref: "#/channels/<id>" }');
    }
  }
  // One finding per channel, not per instance of an enum-parameter channel.
  const firstInstances = listChannels(contract).filter(
    (c, i, all) => all.findIndex((o) => o.id === c.id) === i,
  );
  for (const channel of firstInstances) {
    const rawChannel = resolve((root.channels as Record<string, unknown>)[channel.id]);
    const rawMessages = isObj(rawChannel) ? rawChannel.messages : undefined;
    for (const [name, rawMessage] of Object.entries(isObj(rawMessages) ? rawMessages : {})) {
      const message = resolve(rawMessage) as Record<string, unknown>;
      const at = [...channel.location, 'messages', name];
      if (!isObj(message) || message.payload === undefined) {
        report(at, 'payload', 'message has no payload schema');
        continue;
      }
      const payload =
        isObj(message.payload) && isObj(message.payload.schema) ? message.payload.schema : message.payload;
      if (!lintSchemaCompiles(payload, validator, at, report)) continue;
      if (Array.isArray(message.examples))
        message.examples.forEach((example, i) => {
          if (isObj(example) && 'payload' in example)
            lintExample(
              example.payload,
              payload,
              validator,
              [...messagePath(rawMessage, at), 'examples', i, 'payload'],
              report,
            );
        });
    }
    if (channel.publishedBy === 'app') continue; // the AI system's own output is not sensor data
    if (channel.rateHz === undefined)
      report(
        channel.location,
        'sample-rate',
        'published channel has no x-sample-rate-hz: its rate cannot be mocked or verified',
        'warning',
      );
    for (const field of channel.fields) {
      const fieldAt = [...channel.location, 'messages'];
      const missing = [
        field.unit === undefined ? 'x-unit' : undefined,
        field.minimum === undefined ? 'minimum' : undefined,
        field.maximum === undefined ? 'maximum' : undefined,
      ].filter(Boolean);
      if (missing.length)
        report(
          fieldAt,
          'sensor-field',
          `sensor field "${field.name}" of ${channel.id} lacks ${missing.join(', ')}`,
        );
    }
    if (channel.fields.length > 0 && !channel.qualityField)
      report(
        channel.location,
        'quality',
        `${channel.id} has no quality field (enum good/uncertain/bad)`,
        'warning',
      );
    if (channel.fields.length > 0 && !channel.timestampField)
      report(
        channel.location,
        'timestamp',
        `${channel.id} has no timestamp field: staleness cannot be checked`,
        'warning',
      );
  }
  const messages = isObj(root.components) && isObj(root.components.messages) ? root.components.messages : {};
  for (const [name, message] of Object.entries(messages)) {
    if (isObj(message) && message.payload !== undefined)
      lintInlineExamples(
        message.payload,
        resolve,
        validator,
        ['components', 'messages', name, 'payload'],
        report,
      );
  }
}

/** Examples of a referenced message are reported where the message is written. */
function messagePath(raw: unknown, fallback: PropertyKey[]): PropertyKey[] {
  if (isObj(raw) && typeof raw.$ref === 'string' && raw.$ref.startsWith('#/'))
    return raw.$ref
      .slice(2)
      .split('/')
      .map((part) => decodeURIComponent(part));
  return fallback;
}
