import { redactUrl } from '../../core/net.js';
import type { Channel } from '../asyncapi/channels.js';
import type { ContractDocument } from '../document/load-contract.js';
import type { SchemaValidator } from '../document/schema-validator.js';
import { commonPrefix, topicFilter, topicMatcher } from '../asyncapi/topics.js';
import { unreachable } from './network-error.js';
import type { CheckResult } from './report.js';
import { checkChannel, type Observed } from './stream-checks.js';

export interface MqttVerifyOptions {
  endpoint: string;
  windowSeconds: number;
  maxStalenessSeconds: number;
  onProgress?: (text: string) => void;
}

/**
 * Subscribes to the contract's topics (and their common prefix, to catch messages on topics the
 * contract does not declare) for a window, then checks each channel. It only listens: nothing
 * is published to the plant's broker.
 */
export async function verifyMqtt(
  contract: ContractDocument,
  channels: Channel[],
  validator: SchemaValidator,
  options: MqttVerifyOptions,
): Promise<CheckResult[]> {
  const { connectAsync } = await import('mqtt');
  const endpoint = redactUrl(options.endpoint).replace(/\/$/, '');
  let client: Awaited<ReturnType<typeof connectAsync>>;
  try {
    client = await connectAsync(options.endpoint, {
      connectTimeout: 5000,
      reconnectPeriod: 0,
      clientId: `poc-verify-${process.pid}-${Date.now()}`,
    });
  } catch (error) {
    throw unreachable('MQTT broker', endpoint, error);
  }
  const published = channels.filter((c) => c.publishedBy === 'plant');
  const filters = [...new Set(published.map((c) => topicFilter(c.topicPattern)))];
  const watch = commonPrefix(filters);
  const observed: Observed[] = [];
  let windowStart = Date.now();
  client.on('message', (topic, payload) =>
    observed.push({ topic, receivedAt: Date.now(), text: payload.toString('utf8') }),
  );
  try {
    await client.subscribeAsync(watch ? [...filters, watch] : filters, { qos: 0 });
    windowStart = Date.now();
    const end = windowStart + options.windowSeconds * 1000;
    while (Date.now() < end) {
      options.onProgress?.(
        `listening on ${endpoint}: ${observed.length} messages, ${Math.ceil((end - Date.now()) / 1000)} s left`,
      );
      await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(0, end - Date.now()))));
    }
  } finally {
    await client.endAsync(true).catch(() => undefined);
  }

  const windowEnd = Date.now();
  const results: CheckResult[] = [];
  const matchers = published.map((channel) => ({ channel, match: topicMatcher(channel.topicPattern) }));
  for (const { channel, match } of matchers) {
    const mine = observed.filter((m) => match(m.topic));
    const location = contract.problemAt(channel.location, channel.id);
    for (const result of checkChannel(channel, mine, validator.compile(channel.payload), {
      windowSeconds: options.windowSeconds,
      windowStart,
      windowEnd,
      maxStalenessSeconds: options.maxStalenessSeconds,
      rateTolerance: 0.8,
    })) {
      results.push({ ...result, location });
    }
  }
  for (const channel of channels.filter((c) => c.publishedBy === 'app')) {
    results.push({
      subject: channel.id,
      check: 'messages',
      passed: false,
      skipped: true,
      details: [`${channel.addressTemplate} is published by the AI system itself, not by the plant endpoint`],
      location: contract.problemAt(channel.location, channel.id),
    });
  }
  // The AI system's own channels are declared too: its messages under the prefix are not strays.
  const declared = channels.map((channel) => topicMatcher(channel.addressTemplate));
  const stray = new Map<string, number>();
  for (const message of observed) {
    if (!declared.some((match) => match(message.topic)))
      stray.set(message.topic, (stray.get(message.topic) ?? 0) + 1);
  }
  results.push({
    subject: watch ?? '(topics)',
    check: 'topics',
    passed: stray.size === 0,
    details:
      stray.size === 0
        ? [`no messages on undeclared topics${watch ? ` under ${watch}` : ''}`]
        : [...stray].map(([topic, count]) => `${count} messages on undeclared topic ${topic}`),
    location: contract.problemAt(['channels'], 'channels'),
  });
  return results;
}
