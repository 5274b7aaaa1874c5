import type { TemplateIntegration } from './context.js';

/**
 * The integrations `poc init` can scaffold. Each entry is a contract under `contracts/` plus the
 * endpoint `poc mock` serves for it. A new protocol (OPC UA, Modbus) joins as one entry here,
 * one contract file under templates/project/contracts/ and, when it needs a new `kind`, that
 * kind in the manifest schema.
 */
export interface IntegrationEntry extends Omit<TemplateIntegration, 'id'> {
  id: string;
  /** One line for prompts and help. */
  summary: string;
}

export const INTEGRATIONS = [
  {
    id: 'mes-rest',
    name: 'mes',
    kind: 'rest',
    system: 'MES',
    contract: 'contracts/mes.openapi.yaml',
    mockEndpoint: 'http://127.0.0.1:4011',
    summary: 'MES over REST: work orders, inspection results, production counts',
  },
  {
    id: 'erp-rest',
    name: 'erp',
    kind: 'rest',
    system: 'ERP',
    contract: 'contracts/erp.openapi.yaml',
    mockEndpoint: 'http://127.0.0.1:4012',
    summary: 'ERP over REST: materials, production orders, quality notifications',
  },
  {
    id: 'historian-rest',
    name: 'historian',
    kind: 'rest',
    system: 'Historian',
    contract: 'contracts/historian.openapi.yaml',
    mockEndpoint: 'http://127.0.0.1:4013',
    summary: 'Process historian over REST: tags and tag history',
  },
  {
    id: 'sensors-mqtt',
    name: 'sensors',
    kind: 'mqtt',
    system: 'Sensors',
    contract: 'contracts/sensors.asyncapi.yaml',
    mockEndpoint: 'mqtt://127.0.0.1:1883',
    summary: 'Line sensors over MQTT: telemetry with units, ranges and quality flags',
  },
] as const satisfies readonly IntegrationEntry[];

export type IntegrationId = (typeof INTEGRATIONS)[number]['id'];

export const INTEGRATION_IDS = INTEGRATIONS.map((entry) => entry.id) as [IntegrationId, ...IntegrationId[]];

export function integrationById(id: IntegrationId): (typeof INTEGRATIONS)[number] {
  const entry = INTEGRATIONS.find((candidate) => candidate.id === id);
  if (!entry) throw new Error(`unknown integration ${id}`);
  return entry;
}
