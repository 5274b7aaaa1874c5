import { Args, Flags } from '@oclif/core';

import { writeFileAtomic } from '../../core/atomic-write.js';
import { BaseCommand } from '../../core/base-command.js';
import { ExitCode, formatProblem } from '../../core/errors.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { paint } from '../../core/style.js';
import { parseDurationFlag, toJunit, verifyIntegration, type VerifyReport } from '../../contracts/index.js';
import { loadProject } from '../../manifest/index.js';

export default class ContractVerify extends BaseCommand<typeof ContractVerify> {
  static override summary = "Check an integration's endpoint in an environment against its contract.";
  static override description =
    'REST: calls the read-only operations (GET, HEAD; others only with --allow-writes) and validates status ' +
    'and body against the contract. MQTT: listens for --window and checks topics, payloads, rates, gaps, ' +
    'ordering, staleness and the share of good-quality readings. --env mock (the default) checks what ' +
    '"poc mock" serves. Exits 1 on violations, 4 when the endpoint is unreachable.';

  static override examples = [
    '<%= config.bin %> contract verify mes',
    '<%= config.bin %> contract verify sensors --env production --window 60s --junit reports/sensors.xml',
  ];

  static override args = {
    name: Args.string({ description: 'Integration name from poc.yaml.', required: true }),
  };

  static override flags = {
    ...projectFlags,
    ...withEnv({
      env: Flags.string({ summary: 'Environment whose endpoint to check.', default: 'mock' }),
      'allow-writes': Flags.boolean({ summary: 'Also call POST, PUT, PATCH and DELETE operations (REST).' }),
      window: Flags.string({ summary: 'How long to listen to a stream (MQTT).', default: '10s' }),
      timeout: Flags.string({ summary: 'Timeout per request (REST).', default: '10s' }),
      seed: Flags.integer({ summary: 'Seed for generated request data.', default: 1 }),
      junit: Flags.file({ summary: 'Also write a JUnit XML report to this file.' }),
    }),
  };

  async run(): Promise<VerifyReport> {
    const { flags } = this;
    const project = await loadProject(flags.dir);
    const report = await verifyIntegration(project.root, project.manifest, this.args.name, {
      environment: flags.env,
      allowWrites: flags['allow-writes'],
      windowSeconds: parseDurationFlag('window', flags.window),
      timeoutMs: parseDurationFlag('timeout', flags.timeout) * 1000,
      seed: flags.seed,
      onProgress: (text) => this.progress.update(text),
    });
    this.progress.done();
    if (flags.junit) await writeFileAtomic(flags.junit, toJunit(report));
    this.render(report);
    if (report.summary.failed > 0) this.exitWith(ExitCode.gateFailed);
    return report;
  }

  private render(report: VerifyReport): void {
    this.log(
      `${report.integration} (${report.kind}) in ${report.environment} at ${report.endpoint}, against ${report.contract}:`,
    );
    for (const check of report.checks) {
      const mark = check.skipped
        ? paint('skip', 'dim')
        : check.passed
          ? paint('pass', 'green')
          : paint('FAIL', 'red');
      this.log(`  ${mark}  ${check.subject} ${check.check}: ${check.details[0] ?? ''}`);
      if (!check.passed && !check.skipped) {
        for (const detail of check.details.slice(1)) this.log(`          ${detail}`);
        if (check.location)
          this.log(
            `          contract: ${formatProblem({ ...check.location, path: undefined, message: '' }).trim()}`,
          );
      }
    }
    const { summary } = report;
    this.log(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped.`);
  }
}
