import { mqttTransport } from './mqtt.js';
import { restTransport } from './rest.js';
import type { Transport } from './transport.js';

/** The transports poc mock and poc contract verify speak; opcua and modbus are not here yet. */
const TRANSPORTS: Record<string, Transport> = {
  rest: restTransport,
  mqtt: mqttTransport,
};

export function transportFor(kind: string): Transport | undefined {
  return TRANSPORTS[kind];
}

export const SUPPORTED_KINDS = Object.keys(TRANSPORTS);
export type { MockContext, Transport, VerifyContext } from './transport.js';
