import type { Channel } from '../asyncapi/channels.js';
import type { ContractDocument, ContractKind } from '../document/load-contract.js';
import type { SchemaValidator } from '../document/schema-validator.js';
import type { RunningMock } from '../mocks/running-mock.js';
import type { Scenario } from '../simulation/scenario.js';
import type { CheckResult } from '../verify/report.js';

export interface MockContext {
  name: string;
  contract: ContractDocument;
  /** The integration's `mock` endpoint, parsed. */
  host: string;
  port: number;
  seed: number;
  scenario: Scenario;
  latencyMs: [number, number];
  errorRate: number;
  speed: number;
  brokerUrl?: string;
  /** Traffic from the system under test; `violation` when it broke the contract (400, bad payload). */
  onTraffic?: (line: string, violation: boolean) => void;
}

export interface VerifyContext {
  contract: ContractDocument;
  validator: SchemaValidator;
  endpoint: string;
  allowWrites: boolean;
  windowSeconds: number;
  timeoutMs: number;
  seed: number;
  onProgress?: (text: string) => void;
}

/**
 * One plant protocol: how its contract is read, mocked and verified. Adding OPC UA or Modbus
 * TCP is one more module implementing this and one line in the registry.
 */
export interface Transport {
  kind: string;
  contractKind: ContractKind;
  /** Simulated signal channels, for transports that stream sensor data. */
  channels?(contract: ContractDocument): Channel[];
  startMock(context: MockContext): Promise<RunningMock>;
  verify(context: VerifyContext): Promise<CheckResult[]>;
}
