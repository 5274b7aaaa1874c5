import { Args, Flags } from '@oclif/core';
import { resolve } from 'node:path';

import { writeFileAtomic } from '../core/atomic-write.js';
import { BaseCommand } from '../core/base-command.js';
import { ExitCode, UserError } from '../core/errors.js';
import { withEnv } from '../core/flags.js';
import { findProjectRoot } from '../manifest/index.js';
import {
  auditProject,
  renderHtml,
  renderMarkdown,
  renderSarif,
  renderTerminal,
  SEVERITIES,
  type AuditReport,
  type FixReport,
} from '../audit/index.js';

const FORMATS = ['sarif', 'markdown', 'html'] as const;
const RENDERERS = { sarif: renderSarif, markdown: renderMarkdown, html: renderHtml } as const;

export default class Audit extends BaseCommand<typeof Audit> {
  static override summary = 'Score how far a repository is from production, with evidence and a plan.';
  static override description =
    'Runs the check registry over any repository (a poc init project, a Python project, notebooks, ' +
    'Dockerfiles, Kubernetes YAML, kustomize, Helm, GitHub/GitLab CI, MLflow, DVC). Each check is graded ' +
    'missing, documented, automated or verified and cites its evidence as file:line; checks that do not ' +
    'apply do not count. Scores each layer and pillar 0-100; the overall score is capped by the weakest ' +
    'layer. Waivers come from poc.yaml (owner and expiry required; an expired waiver no longer counts). ' +
    'Gates exit 1; a path that is not a directory or a bad baseline exits 2.';

  static override examples = [
    '<%= config.bin %> audit',
    '<%= config.bin %> audit ../vision-poc --markdown-file report.md --html-file report.html',
    '<%= config.bin %> audit --sarif --min-score 80 --fail-on high > poc-audit.sarif',
    '<%= config.bin %> audit --markdown >> "$GITHUB_STEP_SUMMARY"',
    '<%= config.bin %> audit --json > main.json && <%= config.bin %> audit --baseline main.json',
    '<%= config.bin %> audit --fix --dry-run',
  ];

  static override args = {
    path: Args.string({
      description: 'Repository to audit (default: the project root, else the current directory).',
    }),
  };

  static override flags = withEnv({
    'min-score': Flags.integer({ summary: 'Exit 1 when the overall score is below this.', min: 0, max: 100 }),
    'fail-on': Flags.option({
      options: SEVERITIES,
      summary: 'Exit 1 on an open finding of this severity or higher.',
    })(),
    baseline: Flags.file({
      summary: 'An earlier --json result: fail only on regressions against it.',
      exists: false,
    }),
    sarif: Flags.boolean({ summary: 'Print SARIF 2.1.0 (for code scanning) instead of the report.' }),
    markdown: Flags.boolean({ summary: 'Print a Markdown report (PR comment, job summary) instead.' }),
    html: Flags.boolean({ summary: 'Print a self-contained HTML report instead.' }),
    'sarif-file': Flags.string({ summary: 'Also write SARIF 2.1.0 to this file.' }),
    'markdown-file': Flags.string({ summary: 'Also write the Markdown report to this file.' }),
    'html-file': Flags.string({ summary: 'Also write the HTML report to this file.' }),
    fix: Flags.boolean({
      summary: 'Scaffold missing pieces from the poc init templates (never overwrites), then audit again.',
    }),
    'dry-run': Flags.boolean({ summary: 'With --fix: show the files it would create and stop.' }),
  });

  async run(): Promise<AuditReport> {
    const { flags } = this;
    const toStdout = FORMATS.filter((name) => flags[name]);
    if (toStdout.length > 1 || (toStdout.length === 1 && this.jsonEnabled())) {
      throw new UserError(
        `Only one report can go to stdout; ${[...toStdout, ...(this.jsonEnabled() ? ['json'] : [])].join(' and ')} were asked for.`,
        {
          code: 'STDOUT_CONFLICT',
          hint: 'Write the others to files, e.g. --sarif-file poc-audit.sarif.',
        },
      );
    }
    if (flags['dry-run'] && !flags.fix)
      throw new UserError('--dry-run only applies to --fix.', { hint: 'Add --fix, or drop --dry-run.' });
    const path = this.args.path ?? (await findProjectRoot(undefined).catch(() => process.cwd()));
    this.progress.update(`Auditing ${path}`);
    const report = await auditProject({
      path,
      displayPath: this.args.path ?? '.',
      ...(flags['min-score'] === undefined ? {} : { minScore: flags['min-score'] }),
      ...(flags['fail-on'] === undefined ? {} : { failOn: flags['fail-on'] }),
      ...(flags.baseline === undefined ? {} : { baselineFile: flags.baseline }),
      ...(flags.fix ? { fix: flags['dry-run'] ? ('plan' as const) : ('apply' as const) } : {}),
      onFixPlan: (plan) => {
        if (!this.jsonEnabled() && toStdout.length === 0) this.renderFixPlan(plan, !flags['dry-run']);
      },
    });
    this.progress.done();
    await this.writeReports(report);
    if (!this.jsonEnabled() && toStdout.length === 0) {
      if (report.fix?.applied)
        process.stdout.write(
          `Score before the fix ${report.fix.scoreBefore}, after ${report.fix.scoreAfter}.\n\n`,
        );
      process.stdout.write(renderTerminal(report));
    }
    if (report.gates && !report.gates.passed) {
      for (const failure of report.gates.failures) process.stderr.write(`Gate failed: ${failure}\n`);
      this.exitWith(ExitCode.gateFailed);
    }
    return report;
  }

  private async writeReports(report: AuditReport): Promise<void> {
    for (const name of FORMATS) {
      const file = this.flags[`${name}-file`];
      if (file !== undefined) {
        await writeFileAtomic(resolve(file), RENDERERS[name](report));
        process.stderr.write(`Wrote the ${name} report to ${file}\n`);
      }
      if (this.flags[name]) process.stdout.write(RENDERERS[name](report));
    }
  }

  private renderFixPlan(plan: Pick<FixReport, 'files' | 'skipped'>, applying: boolean): void {
    const lines = [
      applying ? 'Fix plan (creating these files now):' : 'Fix plan (dry run, nothing written):',
    ];
    for (const file of plan.files)
      lines.push(`  + ${file.path} (${file.bytes} bytes) for ${file.checks.join(', ')}`);
    if (plan.files.length === 0) lines.push('  nothing to create');
    for (const skip of plan.skipped) lines.push(`  ! ${skip.check}: ${skip.reason}`);
    process.stdout.write(`${lines.join('\n')}\n\n`);
  }
}
