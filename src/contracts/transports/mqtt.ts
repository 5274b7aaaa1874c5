import { listChannels } from '../asyncapi/channels.js';
import type { Transport } from './transport.js';

/** MQTT from AsyncAPI 3. Mock and verifier load on use: a transport costs nothing until it runs. */
export const mqttTransport: Transport = {
  kind: 'mqtt',
  contractKind: 'asyncapi',
  channels: listChannels,
  startMock: async (context) =>
    (await import('../mocks/mqtt-mock.js')).startMqttMock(listChannels(context.contract), {
      name: context.name,
      host: context.host,
      port: context.port,
      brokerUrl: context.brokerUrl,
      seed: context.seed,
      scenario: context.scenario,
      speed: context.speed,
      onMessage: context.onTraffic,
    }),
  verify: async (context) =>
    (await import('../verify/mqtt-verify.js')).verifyMqtt(
      context.contract,
      listChannels(context.contract),
      context.validator,
      {
        endpoint: context.endpoint,
        windowSeconds: context.windowSeconds,
        maxStalenessSeconds: 10,
        onProgress: context.onProgress,
      },
    ),
};
