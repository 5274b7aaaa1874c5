import { Flags } from '@oclif/core';

import { BaseCommand } from '../core/base-command.js';
import { ExitCode } from '../core/errors.js';
import { projectFlags, withEnv } from '../core/flags.js';
import { paint } from '../core/style.js';
import { table } from '../core/table.js';
import { runDoctor, type DoctorReport } from '../doctor/index.js';
import { findProjectRoot, loadProject } from '../manifest/index.js';

export default class Doctor extends BaseCommand<typeof Doctor> {
  static override summary = 'Check this machine for what the project needs.';
  static override description =
    'Checks Node.js, git, helm, kubectl, a container builder, python3 with torch and onnx, free disk and, ' +
    'inside a project, the data remote and MQTT brokers named in poc.yaml. What is required follows from ' +
    'the manifest: helm only when an environment deploys with helm. Exits 4 when a required item fails.';

  static override examples = ['<%= config.bin %> doctor', '<%= config.bin %> doctor --env staging --json'];

  static override flags = {
    ...projectFlags,
    ...withEnv({
      env: Flags.string({
        summary: "Require this environment's endpoints to be reachable (otherwise advisory).",
      }),
      timeout: Flags.integer({
        summary: 'Connection timeout for each endpoint, in milliseconds.',
        default: 2000,
        min: 100,
      }),
    }),
  };

  async run(): Promise<DoctorReport> {
    const inProject =
      this.flags.dir !== undefined ||
      (await findProjectRoot(undefined).then(
        () => true,
        () => false,
      ));
    const project = inProject ? await loadProject(this.flags.dir) : undefined;
    const report = await runDoctor({ project, env: this.flags.env, timeoutMs: this.flags.timeout });
    if (!report.ok) this.exitWith(ExitCode.environment);
    this.render(report);
    return report;
  }

  private render(report: DoctorReport): void {
    const colours = { ok: 'green', warn: 'yellow', fail: 'red' } as const;
    this.log(
      report.project
        ? `Checks for project ${report.project}:`
        : 'Checks for this machine (no poc.yaml here):',
    );
    const rows = report.items.flatMap((item) => {
      const row = [paint(item.status, colours[item.status]), item.name, item.detail];
      return item.hint ? [row, ['', '', paint(`→ ${item.hint}`, 'dim')]] : [row];
    });
    this.log(table(rows));
    const failed = report.items.filter((item) => item.status === 'fail').length;
    this.log(
      report.ok
        ? '\nEverything required is in place.'
        : `\n${failed} required item${failed === 1 ? '' : 's'} failed.`,
    );
  }
}
