import { Flags } from '@oclif/core';

import { BaseCommand } from '../../core/base-command.js';
import { ExitCode, formatProblem } from '../../core/errors.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { lintContracts, type ContractLintResult } from '../../contracts/index.js';
import { loadProject } from '../../manifest/index.js';

export default class ContractLint extends BaseCommand<typeof ContractLint> {
  static override summary = 'Check the integration contracts: structure, examples, units and ranges.';
  static override description =
    'Lints the OpenAPI and AsyncAPI contract of each integration in poc.yaml: document structure, $refs, ' +
    'schemas that compile, examples valid against their schemas, and on sensor fields a unit (x-unit) and ' +
    'a range (minimum, maximum). Every finding has its file:line. Exits 2 when a contract has errors.';

  static override examples = [
    '<%= config.bin %> contract lint',
    '<%= config.bin %> contract lint --only sensors --json',
  ];
  static override flags = {
    ...projectFlags,
    ...withEnv({
      only: Flags.string({ summary: 'Lint only this integration (repeatable).', multiple: true }),
    }),
  };

  async run(): Promise<ContractLintResult> {
    const project = await loadProject(this.flags.dir);
    const result = await lintContracts(project.root, project.manifest.integrations, {
      only: this.flags.only,
    });
    for (const contract of result.contracts) {
      const errors = contract.findings.filter((f) => f.severity === 'error').length;
      this.log(
        `${contract.file} (${contract.integration}): ${errors ? `${errors} error${errors === 1 ? '' : 's'}` : 'ok'}`,
      );
      for (const finding of contract.findings)
        this.log(`  ${finding.severity}  ${formatProblem(finding)} [${finding.rule}]`);
    }
    this.log(
      `${result.contracts.length} contract${result.contracts.length === 1 ? '' : 's'}, ${result.errors} errors, ${result.warnings} warnings.`,
    );
    if (result.errors > 0) this.exitWith(ExitCode.invalidInput);
    return result;
  }
}
