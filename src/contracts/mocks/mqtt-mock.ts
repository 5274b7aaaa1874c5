import { createServer } from 'node:net';

import { EnvironmentError } from '../../core/errors.js';
import { redactUrl } from '../../core/net.js';
import type { Channel } from '../asyncapi/channels.js';
import type { Scenario } from '../simulation/scenario.js';
import { createChannelStream, type SimMessage } from '../simulation/signal-stream.js';
import { createLiveClock } from '../simulation/live-clock.js';
import { topicFilter, topicMatcher } from '../asyncapi/topics.js';
import { createSchemaValidator, describePointer } from '../document/schema-validator.js';
import { closeServer, listen } from './listen.js';
import type { RunningMock } from './running-mock.js';

export interface MqttMockOptions {
  name: string;
  host: string;
  port: number;
  /** Publish to this broker instead of embedding one. */
  brokerUrl?: string;
  seed: number;
  scenario: Scenario;
  /** Simulation time per wall-clock time. */
  speed: number;
  /** Scenario start; defaults to now, so timestamps are current. */
  startMs?: number;
  /** Each message the AI system publishes on its own channels, and any contract violation in it. */
  onMessage?: (line: string, violation: boolean) => void;
}

/** How often due messages are sent; rates above 1/TICK are sent in bursts per tick. */
const TICK_MS = 10;

/**
 * Plays an AsyncAPI contract's sensor channels: an embedded aedes broker on the integration's
 * mock address (or an external one with --broker), publishing simulated readings on the
 * contract's exact topics at its declared rates.
 */
export async function startMqttMock(channels: Channel[], options: MqttMockOptions): Promise<RunningMock> {
  const publishing = channels.filter((channel) => channel.publishedBy === 'plant');
  const publisher = options.brokerUrl
    ? await externalPublisher(options.brokerUrl, options.name)
    : await embeddedBroker(options.host, options.port, options.name);
  const scenarioStart = options.scenario.start ? Date.parse(options.scenario.start) : undefined;
  const clock = createLiveClock(options.speed, options.startMs ?? scenarioStart ?? Date.now());
  const streams = publishing.map((channel) =>
    createChannelStream(channel, options.scenario, options.seed, clock.startMs),
  );
  const received = watchAppChannels(channels, publisher, options.onMessage);
  let published = 0;
  const timer = setInterval(() => {
    const now = clock.elapsed();
    const due: SimMessage[] = [];
    for (const stream of streams) due.push(...stream.takeUntil(now));
    for (const message of due) {
      publisher.publish(message.topic, JSON.stringify(message.payload));
      published += 1;
    }
  }, TICK_MS);
  return {
    name: options.name,
    kind: 'mqtt',
    url: publisher.url,
    detail: `${publishing.length} topic${publishing.length === 1 ? '' : 's'}: ${publishing.map((c) => `${c.address} @ ${c.rateHz ?? 1} Hz`).join(', ')}`,
    published: () => published,
    received: () => ({ ...received }),
    async stop() {
      clearInterval(timer);
      await publisher.close();
    },
  };
}

interface Publisher {
  url: string;
  publish(topic: string, payload: string): void;
  /** Calls back for messages other clients publish on these topic filters. */
  watch(filters: string[], handler: (topic: string, payload: Buffer) => void): void;
  close(): Promise<void>;
}

/**
 * The channels the AI system publishes (its `send` operations, e.g. anomaly scores) are checked
 * as they arrive: the serving code under test gets told when its output breaks the contract.
 */
function watchAppChannels(
  channels: Channel[],
  publisher: Publisher,
  onMessage: MqttMockOptions['onMessage'],
): { messages: number; invalid: number } {
  const counts = { messages: 0, invalid: 0 };
  const own = channels.filter((channel) => channel.publishedBy === 'app');
  if (own.length === 0) return counts;
  const matchers = own.map((channel) => ({ channel, match: topicMatcher(channel.addressTemplate) }));
  const validator = createSchemaValidator();
  validator.catch(() => undefined);
  publisher.watch([...new Set(own.map((c) => topicFilter(c.addressTemplate)))], (topic, payload) => {
    const hit = matchers.find(({ match }) => match(topic));
    if (!hit) return;
    counts.messages += 1;
    void validator.then((v) => {
      let problems: string[];
      try {
        problems = v
          .compile(hit.channel.payload)(JSON.parse(payload.toString('utf8')))
          .map((p) => `${describePointer(p.pointer, 'payload')}: ${p.message}`);
      } catch {
        problems = ['payload is not JSON'];
      }
      if (problems.length > 0) counts.invalid += 1;
      onMessage?.(
        problems.length
          ? `${topic} breaks ${hit.channel.id} of the contract: ${problems.slice(0, 3).join('; ')}`
          : `${topic} ok`,
        problems.length > 0,
      );
    });
  });
  return counts;
}

/** Publishes in flight at once into the embedded broker. */
const MAX_IN_FLIGHT = 64;

/**
 * Feeds a burst (e.g. the catch-up after the event loop stalled) to aedes a bounded number at a
 * time: handing it thousands of publishes at once makes its emitter recurse through its queue
 * until the stack overflows.
 */
function boundedPublisher(
  send: (topic: string, payload: string, done: () => void) => void,
): (topic: string, payload: string) => void {
  const queue: [string, string][] = [];
  let head = 0;
  let inFlight = 0;
  let scheduled = false;
  const pump = () => {
    scheduled = false;
    while (inFlight < MAX_IN_FLIGHT && head < queue.length) {
      const [topic, payload] = queue[head++]!;
      inFlight += 1;
      send(topic, payload, () => {
        inFlight -= 1;
        schedule();
      });
    }
    if (head === queue.length) {
      queue.length = 0;
      head = 0;
    }
  };
  const schedule = () => {
    if (!scheduled && head < queue.length) {
      scheduled = true;
      setImmediate(pump);
    }
  };
  return (topic, payload) => {
    queue.push([topic, payload]);
    schedule();
  };
}

async function embeddedBroker(host: string, port: number, name: string): Promise<Publisher> {
  const { Aedes } = await import('aedes');
  const broker = await Aedes.createBroker();
  const server = createServer(broker.handle);
  let actualPort: number;
  try {
    actualPort = await listen(server, host, port, name);
  } catch (error) {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw error;
  }
  return {
    url: `mqtt://${host}:${actualPort}`,
    watch(_filters, handler) {
      // Only messages from connected clients: the mock's own publishes have no client.
      broker.on('publish', (packet, client) => {
        if (client && !packet.topic.startsWith('$SYS')) handler(packet.topic, packet.payload as Buffer);
      });
    },
    publish: boundedPublisher((topic, payload, done) =>
      broker.publish(
        { cmd: 'publish', topic, payload: Buffer.from(payload), qos: 0, retain: false, dup: false },
        done,
      ),
    ),
    async close() {
      await closeServer(server);
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}

async function externalPublisher(url: string, name: string): Promise<Publisher> {
  const { connectAsync } = await import('mqtt');
  let client: Awaited<ReturnType<typeof connectAsync>>;
  try {
    client = await connectAsync(url, {
      connectTimeout: 5000,
      reconnectPeriod: 0,
      clientId: `poc-mock-${name}-${process.pid}`,
    });
  } catch (error) {
    throw new EnvironmentError(
      `Cannot connect to the MQTT broker ${redactUrl(url)}: ${(error as Error).message}.`,
      {
        code: 'BROKER_UNREACHABLE',
        hint: 'Check --broker (mqtt://host:port); leave it out to use the embedded broker.',
        cause: error,
      },
    );
  }
  return {
    url: redactUrl(url).replace(/\/$/, ''),
    publish(topic, payload) {
      client.publish(topic, payload, { qos: 0 });
    },
    watch(filters, handler) {
      client.on('message', (topic, payload) => handler(topic, payload));
      client.subscribe(filters, { qos: 0 });
    },
    close: () => client.endAsync(),
  };
}
