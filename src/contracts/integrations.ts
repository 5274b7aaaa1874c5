import { join } from 'node:path';

import { UserError } from '../core/errors.js';
import { hostPort } from '../core/net.js';
import type { Integration, Manifest } from '../manifest/index.js';
import { loadContract, type ContractDocument } from './document/load-contract.js';
import { SUPPORTED_KINDS, transportFor, type Transport } from './transports/index.js';

export interface ResolvedIntegration {
  integration: Integration;
  transport: Transport;
  contract: ContractDocument;
}

/** The integrations named by --only (all when empty), each with its transport and contract. */
export async function resolveIntegrations(
  root: string,
  manifest: Manifest,
  only: string[] = [],
): Promise<ResolvedIntegration[]> {
  const names = manifest.integrations.map((i) => i.name);
  const unknown = only.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new UserError(`No integration named ${unknown.map((n) => `"${n}"`).join(', ')} in poc.yaml.`, {
      code: 'UNKNOWN_INTEGRATION',
      hint: names.length ? `Integrations: ${names.join(', ')}.` : 'poc.yaml declares no integrations.',
    });
  }
  const selected = manifest.integrations.filter((i) => only.length === 0 || only.includes(i.name));
  if (selected.length === 0) {
    throw new UserError('poc.yaml declares no integrations.', {
      code: 'NO_INTEGRATIONS',
      hint: 'Add one under "integrations:" with a name, kind (rest or mqtt), contract and endpoints.',
    });
  }
  const out: ResolvedIntegration[] = [];
  for (const integration of selected) {
    const transport = transportFor(integration.kind);
    if (!transport) {
      throw new UserError(
        `Integration "${integration.name}" is ${integration.kind}, which poc cannot mock or verify yet.`,
        {
          code: 'UNSUPPORTED_KIND',
          hint: `Supported kinds: ${SUPPORTED_KINDS.join(', ')}. Use --only to leave it out.`,
        },
      );
    }
    const contract = await loadContract(join(root, integration.contract), integration.contract);
    if (contract.kind !== transport.contractKind) {
      throw new UserError(
        `${integration.contract} is ${contract.kind === 'openapi' ? 'an OpenAPI' : 'an AsyncAPI'} document, but integration "${integration.name}" is ${integration.kind}.`,
        {
          code: 'CONTRACT_KIND_MISMATCH',
          hint: 'REST integrations take an OpenAPI contract, MQTT integrations an AsyncAPI 3 contract.',
        },
      );
    }
    out.push({ integration, transport, contract });
  }
  return out;
}

/** The endpoint of an integration for an environment, e.g. "mock" or "production". */
export function endpointFor(integration: Integration, environment: string): string {
  const endpoint = integration.endpoints[environment];
  if (!endpoint) {
    const known = Object.keys(integration.endpoints);
    throw new UserError(
      `Integration "${integration.name}" has no endpoint for environment "${environment}".`,
      {
        code: 'NO_ENDPOINT',
        hint: known.length
          ? `Its endpoints: ${known.join(', ')}. Add "${environment}: <url>" under its endpoints in poc.yaml.`
          : `Add "endpoints: { ${environment}: <url> }" to it in poc.yaml.`,
      },
    );
  }
  return endpoint;
}

/** host and port the mock of an integration listens on, from its `mock` endpoint. */
export function mockAddress(integration: Integration): { host: string; port: number } {
  const endpoint = endpointFor(integration, 'mock');
  const address = hostPort(endpoint);
  if (!address) {
    throw new UserError(
      `The mock endpoint "${endpoint}" of "${integration.name}" is not a URL with a port.`,
      {
        code: 'INVALID_ENDPOINT',
        hint:
          integration.kind === 'mqtt' ? 'Use e.g. mqtt://127.0.0.1:1883.' : 'Use e.g. http://127.0.0.1:4010.',
      },
    );
  }
  return address;
}
