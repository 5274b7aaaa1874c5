/**
 * Entry point (npm start, the container's CMD): load poc.yaml, listen on PORT (8080), load and
 * warm the model, start ingestion when MQTT_URL is set, and shut down gracefully on SIGTERM:
 * readiness goes false, in-flight requests drain, queues are flushed, then the process exits.
 */
import { pino } from 'pino';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { startSubscriber, type Subscriber } from './ingestion/subscriber.js';
import { Runtime } from './runtime.js';

const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'poc-serving' } });

async function main(): Promise<void> {
  const config = await loadConfig(process.env.POC_PROJECT_ROOT ?? process.cwd());
  const runtime = await Runtime.open(config, logger);
  const app = buildApp(runtime, logger);
  await app.listen({ port: config.port, host: config.host });
  await runtime.load();

  let subscriber: Subscriber | undefined;
  if (config.mqttUrl) {
    // Does not wait for the broker: it is retried until it answers (poc_mqtt_connected).
    // A contract that disagrees with the features stops ingestion, not the API.
    subscriber = await startSubscriber(runtime, config.mqttUrl, logger).catch((error: unknown) => {
      logger.error({ err: error }, 'ingestion not started');
      return undefined;
    });
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.stopping = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    await subscriber?.close();
    await app.close();
    await runtime.close();
    logger.info('stopped');
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'cannot start');
  process.exitCode = 1;
});
