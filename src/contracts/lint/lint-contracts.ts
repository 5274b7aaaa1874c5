import { join } from 'node:path';

import { UserError } from '../../core/errors.js';
import type { Integration } from '../../manifest/index.js';
import { loadContract, type ContractKind } from '../document/load-contract.js';
import { createSchemaValidator } from '../document/schema-validator.js';
import type { LintFinding } from './finding.js';
import { lintAsyncApi } from './lint-asyncapi.js';
import { lintOpenApi } from './lint-openapi.js';

export interface ContractLint {
  integration: string;
  file: string;
  kind?: ContractKind;
  findings: LintFinding[];
}

export interface ContractLintResult {
  contracts: ContractLint[];
  errors: number;
  warnings: number;
}

const EXPECTED: Record<string, ContractKind> = { rest: 'openapi', mqtt: 'asyncapi' };

/**
 * Lints the contract of every integration (or those named). Never throws for a bad contract:
 * unreadable or unparsable files become findings, so `poc audit` can score them.
 */
export async function lintContracts(
  root: string,
  integrations: Integration[],
  options: { only?: string[] } = {},
): Promise<ContractLintResult> {
  const validator = await createSchemaValidator();
  const selected = options.only?.length
    ? integrations.filter((i) => options.only!.includes(i.name))
    : integrations;
  const contracts: ContractLint[] = [];
  for (const integration of selected) {
    const findings: LintFinding[] = [];
    const report = (
      path: PropertyKey[],
      rule: string,
      message: string,
      severity: LintFinding['severity'] = 'error',
    ) => findings.push({ ...contract!.problemAt(path, message), severity, rule });
    let contract: Awaited<ReturnType<typeof loadContract>> | undefined;
    try {
      contract = await loadContract(join(root, integration.contract), integration.contract);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const problems = error.problems.length
        ? error.problems
        : [{ file: integration.contract, message: error.message }];
      for (const problem of problems) findings.push({ ...problem, severity: 'error', rule: 'parse' });
      contracts.push({ integration: integration.name, file: integration.contract, findings });
      continue;
    }
    const expected = EXPECTED[integration.kind];
    if (expected && contract.kind !== expected) {
      report(
        [],
        'kind',
        `integration "${integration.name}" is ${integration.kind}, which needs an ${expected === 'openapi' ? 'OpenAPI' : 'AsyncAPI'} contract`,
      );
    } else if (contract.kind === 'openapi') lintOpenApi(contract, validator, report);
    else lintAsyncApi(contract, validator, report);
    findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    contracts.push({
      integration: integration.name,
      file: integration.contract,
      kind: contract.kind,
      findings,
    });
  }
  const all = contracts.flatMap((c) => c.findings);
  return {
    contracts,
    errors: all.filter((f) => f.severity === 'error').length,
    warnings: all.filter((f) => f.severity === 'warning').length,
  };
}
