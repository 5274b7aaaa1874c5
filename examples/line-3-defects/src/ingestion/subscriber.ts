import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { useCase, validateInput } from '../features/index.js';
import type { Runtime } from '../runtime.js';
import { JsonlLog } from '../store/jsonl-log.js';
import { TelemetryChecks } from './checks.js';
import { contractMismatches } from './contract-check.js';

export interface Subscriber {
  /** Resolves once connected and subscribed the first time. */
  connected: Promise<void>;
  close(): Promise<void>;
}

/**
 * MQTT subscriber for the sensor stream (contracts/sensors.asyncapi.yaml). QoS 1 with a
 * persistent session: the broker keeps messages while we are away. A message is acknowledged
 * only after it is durably written (accepted to the recording, rejected to the dead-letter
 * file), so a crash never loses an accepted record: the broker redelivers it.
 * Accepted readings feed the use case's assembler; complete inputs are scored like API calls.
 */
export async function startSubscriber(runtime: Runtime, url: string, logger: Logger): Promise<Subscriber> {
  const { metrics, config } = runtime;
  const contract = join(config.projectRoot, 'contracts', 'sensors.asyncapi.yaml');
  const mismatches = await contractMismatches(contract);
  if (mismatches === undefined)
    logger.warn(
      { contract },
      'no sensor contract: units and ranges are checked against the feature code only',
    );
  else if (mismatches.length > 0)
    throw new Error(`the sensor contract disagrees with the feature code: ${mismatches.join('; ')}`);
  const checks = new TelemetryChecks(config.maxTelemetryAgeSeconds * 1000);
  const assembler = useCase.createAssembler();
  const recording = new JsonlLog(join(config.dataDir, 'raw', 'telemetry.jsonl'), true);
  const deadLetter = new JsonlLog(join(config.dataDir, 'dead-letter', 'telemetry.jsonl'), true);

  const handle = async (topic: string, payload: Buffer): Promise<void> => {
    const receivedAt = new Date().toISOString();
    const verdict = checks.check(topic, payload);
    if (!verdict.accepted) {
      metrics.ingestMessages.inc({ result: 'rejected' });
      metrics.ingestRejections.inc({ reason: verdict.reason });
      await deadLetter.append({
        receivedAt,
        topic,
        reason: verdict.reason,
        detail: verdict.detail,
        payload: payload.toString('base64'),
      });
      return;
    }
    metrics.ingestMessages.inc({ result: 'accepted' });
    if (verdict.gap > 0) metrics.ingestGaps.inc(verdict.gap);
    await recording.append({ receivedAt, topic, sample: verdict.sample });
    const input = assembler.push(verdict.device, verdict.sample);
    if (!input || !runtime.predictor) return;
    // The same gate as the API: an assembled input is validated before it is scored.
    const validation = validateInput(input);
    if (!validation.ok) {
      metrics.ingestRejections.inc({ reason: 'assembled-input' });
      logger.warn(
        { device: verdict.device, errors: validation.errors },
        'assembled input does not match the input schema',
      );
      return;
    }
    const started = performance.now();
    let scored;
    try {
      scored = await runtime.predictor.predict(validation.input, 'ingestion');
    } catch (error) {
      logger.warn({ err: error, device: verdict.device }, 'assembled input could not be scored');
      return;
    }
    // The contract's send operation: the verdict (or anomaly score) goes back to the plant.
    const result = useCase.sensors.result(topic, validation.input, {
      ...scored,
      latencyMs: performance.now() - started,
    });
    client.publish(result.topic, JSON.stringify(result.payload), { qos: 1 }, (error) => {
      if (error) logger.warn({ err: error, topic: result.topic }, 'result not published');
    });
  };

  const { connect } = await import('mqtt');
  const client: MqttClient = connect(url, {
    clientId: `${config.projectName}-ingest`,
    clean: false,
    reconnectPeriod: 1_000,
    connectTimeout: 10_000,
    resubscribe: false,
  });
  // mqtt.js hands over one message at a time and sends the QoS 1 acknowledgement only when
  // this callback succeeds, so a record is acknowledged only once it is on disk. Set before the
  // first connect: a persistent session may deliver queued messages straight away.
  client.handleMessage = (packet, callback) => {
    handle(packet.topic, Buffer.from(packet.payload)).then(
      () => callback(),
      (error: unknown) => {
        // Not acknowledged: with QoS 1 the broker redelivers it after a reconnect.
        logger.error({ err: error, topic: packet.topic }, 'sensor message could not be stored');
        callback(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };
  // Connecting never blocks the app: a broker that is down at start is retried like one that
  // goes away later. After a connect without a stored session we (re)subscribe ourselves.
  let connections = 0;
  const connected = new Promise<void>((resolve) => {
    client.on('connect', (connack) => {
      connections++;
      metrics.mqttConnected.set(1);
      if (connections > 1) metrics.mqttReconnects.inc();
      logger.info(
        { url, topic: useCase.sensors.topic },
        connections === 1 ? 'ingesting sensor stream' : 'reconnected to the sensor broker',
      );
      if (!connack.sessionPresent) {
        client.subscribe(useCase.sensors.topic, { qos: 1 }, (error) => {
          if (error) logger.error({ err: error }, 'cannot subscribe to the sensor stream');
          else resolve();
        });
      } else resolve();
    });
  });
  client.on('close', () => metrics.mqttConnected.set(0));
  client.on('offline', () => logger.warn({ url }, 'sensor broker unreachable; reconnecting'));
  client.on('error', (error) => logger.warn({ err: error }, 'sensor broker error'));

  return {
    connected,
    async close() {
      await client.endAsync();
      await Promise.all([recording.close(), deadLetter.close()]);
      metrics.mqttConnected.set(0);
    },
  };
}
