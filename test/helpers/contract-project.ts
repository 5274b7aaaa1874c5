import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

import { tempDir } from './temp-dir.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/contracts/${name}`, import.meta.url), 'utf8');

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ContractProject {
  dir: string;
  restPort: number;
  mqttPort: number;
}

/**
 * A project with the fixture MES (REST) and sensors (MQTT) contracts, their mocks on free
 * ports, and extra environments pointing wherever a test needs (`endpoints`).
 */
export async function contractProject(
  options: {
    endpoints?: { mes?: Record<string, string>; sensors?: Record<string, string> };
    files?: Record<string, string>;
  } = {},
): Promise<ContractProject> {
  const restPort = await freePort();
  const mqttPort = await freePort();
  const endpoints = (mock: string, extra: Record<string, string> = {}) =>
    Object.entries({ mock, ...extra })
      .map(([env, url]) => `      ${env}: ${url}`)
      .join('\n');
  const manifest = [
    'project:',
    '  name: contract-test',
    'integrations:',
    '  - name: mes',
    '    kind: rest',
    '    contract: contracts/mes.openapi.yaml',
    '    endpoints:',
    endpoints(`http://127.0.0.1:${restPort}`, options.endpoints?.mes),
    '  - name: sensors',
    '    kind: mqtt',
    '    contract: contracts/sensors.asyncapi.yaml',
    '    endpoints:',
    endpoints(`mqtt://127.0.0.1:${mqttPort}`, options.endpoints?.sensors),
    '',
  ].join('\n');
  const dir = tempDir({
    'poc.yaml': manifest,
    'contracts/mes.openapi.yaml': fixture('mes.openapi.yaml'),
    'contracts/sensors.asyncapi.yaml': fixture('sensors.asyncapi.yaml'),
    ...options.files,
  });
  return { dir, restPort, mqttPort };
}

/** Starts the mocks of a project with quiet defaults (seed 1, no latency, no faults, real time). */
export async function startProjectMocks(
  dir: string,
  options: Partial<import('../../src/contracts/index.js').MockOptions> = {},
): Promise<import('../../src/contracts/index.js').MockSession> {
  const { startMocks } = await import('../../src/contracts/index.js');
  const { loadProject } = await import('../../src/manifest/index.js');
  const { root, manifest } = await loadProject(dir);
  return startMocks(root, manifest, { seed: 1, latencyMs: [0, 0], errorRate: 0, speed: 1, ...options });
}
