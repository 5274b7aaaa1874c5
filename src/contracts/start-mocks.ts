import type { Manifest } from '../manifest/index.js';
import { resolveIntegrations, mockAddress } from './integrations.js';
import type { RunningMock } from './mocks/running-mock.js';
import { HEALTHY, loadScenario, type Scenario } from './simulation/scenario.js';

export interface MockOptions {
  only?: string[];
  seed: number;
  /** Scenario file for the sensor channels. */
  scenarioFile?: string;
  latencyMs: [number, number];
  errorRate: number;
  speed: number;
  brokerUrl?: string;
  /** Traffic from the system under test; `violation` when it broke the contract. */
  onTraffic?: (line: string, violation: boolean) => void;
}

export interface MockSession {
  mocks: RunningMock[];
  scenario?: string;
  stop(): Promise<void>;
}

/**
 * Starts a mock for every selected integration on its own `mock` endpoint. If one cannot start
 * (a port in use), those already started are stopped before the error goes up.
 */
export async function startMocks(
  root: string,
  manifest: Manifest,
  options: MockOptions,
): Promise<MockSession> {
  const resolved = await resolveIntegrations(root, manifest, options.only);
  const scenario = await scenarioFor(resolved, options.scenarioFile);
  const seed = scenario.seed ?? options.seed;
  const addresses = resolved.map((r) => mockAddress(r.integration));
  // Started side by side: their imports (aedes, ajv) overlap, which is most of the start time.
  const started = await Promise.allSettled(
    resolved.map(({ integration, transport, contract }, i) =>
      transport.startMock({
        name: integration.name,
        contract,
        host: addresses[i]!.host,
        port: addresses[i]!.port,
        seed,
        scenario,
        latencyMs: options.latencyMs,
        errorRate: options.errorRate,
        speed: options.speed,
        brokerUrl: options.brokerUrl,
        onTraffic: options.onTraffic,
      }),
    ),
  );
  const mocks: RunningMock[] = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await Promise.all(mocks.map((mock) => mock.stop()));
    throw failure.reason;
  }
  return {
    mocks,
    scenario: scenario.file,
    stop: async () => {
      await Promise.all(mocks.map((mock) => mock.stop()));
    },
  };
}

async function scenarioFor(
  resolved: Awaited<ReturnType<typeof resolveIntegrations>>,
  file: string | undefined,
): Promise<Scenario> {
  if (!file) return HEALTHY;
  const known = resolved.flatMap(({ transport, contract }) =>
    (transport.channels?.(contract) ?? []).flatMap((c) => [c.id, c.address]),
  );
  return loadScenario(file, known);
}

export { scenarioFor };
