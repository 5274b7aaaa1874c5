import { redactUrl } from '../core/net.js';
import type { Manifest } from '../manifest/index.js';
import { createSchemaValidator } from './document/schema-validator.js';
import { endpointFor, resolveIntegrations } from './integrations.js';
import { summarize, type VerifyReport } from './verify/report.js';

export interface VerifyOptions {
  environment: string;
  allowWrites: boolean;
  windowSeconds: number;
  timeoutMs: number;
  seed: number;
  onProgress?: (text: string) => void;
}

/** Checks the endpoint of one integration in one environment against its contract. */
export async function verifyIntegration(
  root: string,
  manifest: Manifest,
  name: string,
  options: VerifyOptions,
): Promise<VerifyReport> {
  const [resolved] = await resolveIntegrations(root, manifest, [name]);
  const { integration, transport, contract } = resolved!;
  const endpoint = endpointFor(integration, options.environment);
  const checks = await transport.verify({
    contract,
    validator: await createSchemaValidator(),
    endpoint,
    allowWrites: options.allowWrites,
    windowSeconds: options.windowSeconds,
    timeoutMs: options.timeoutMs,
    seed: options.seed,
    onProgress: options.onProgress,
  });
  return {
    integration: integration.name,
    kind: integration.kind,
    environment: options.environment,
    endpoint: redactUrl(endpoint).replace(/\/$/, ''),
    contract: integration.contract,
    checks,
    summary: summarize(checks),
  };
}
