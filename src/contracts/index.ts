/**
 * Public API of contracts: lint, mock, simulate, record and verify integration contracts.
 * Each entry point loads its implementation on first use, so a command pays only for what it
 * runs (`poc mock` must be ready within 1.5 s; it never loads the linter or the verifier).
 */
import type { Integration, Manifest } from '../manifest/index.js';
import type { ContractLintResult } from './lint/lint-contracts.js';
import type { RecordOptions, RecordResult } from './record.js';
import type { MockOptions, MockSession } from './start-mocks.js';
import type { VerifyOptions } from './verify-integration.js';
import type { VerifyReport } from './verify/report.js';

export type { ContractLint, ContractLintResult } from './lint/lint-contracts.js';
export type { LintFinding } from './lint/finding.js';
export type { MockOptions, MockSession } from './start-mocks.js';
export type { RunningMock } from './mocks/running-mock.js';
export type { RecordOptions, RecordResult } from './record.js';
export type { VerifyOptions } from './verify-integration.js';
export type { CheckResult, VerifyReport } from './verify/report.js';
export { toJunit } from './verify/junit.js';
export { parseSeconds } from './simulation/duration.js';
export { parseDurationFlag, parseLatency } from './flag-values.js';
export { RECORDING_FORMATS } from './simulation/recording-format.js';

/** Lints the contract of every integration (or those in `only`); never throws for a bad contract. */
export async function lintContracts(
  root: string,
  integrations: Integration[],
  options: { only?: string[] } = {},
): Promise<ContractLintResult> {
  return (await import('./lint/lint-contracts.js')).lintContracts(root, integrations, options);
}

/** Starts a mock for every selected integration on its `mock` endpoint. */
export async function startMocks(
  root: string,
  manifest: Manifest,
  options: MockOptions,
): Promise<MockSession> {
  return (await import('./start-mocks.js')).startMocks(root, manifest, options);
}

/** Writes the simulated sensor streams to JSON-lines files. */
export async function recordSimulation(
  root: string,
  manifest: Manifest,
  options: RecordOptions,
): Promise<RecordResult> {
  return (await import('./record.js')).recordSimulation(root, manifest, options);
}

/** Checks the endpoint of one integration in one environment against its contract. */
export async function verifyIntegration(
  root: string,
  manifest: Manifest,
  name: string,
  options: VerifyOptions,
): Promise<VerifyReport> {
  return (await import('./verify-integration.js')).verifyIntegration(root, manifest, name, options);
}
