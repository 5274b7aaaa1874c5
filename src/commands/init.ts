import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../core/base-command.js';
import { withEnv } from '../core/flags.js';
import { paint } from '../core/style.js';
import { table } from '../core/table.js';
import { initProject, INTEGRATION_IDS, type InitResult } from '../scaffold/index.js';

export default class Init extends BaseCommand<typeof Init> {
  static override summary = 'Create a production-shaped industrial AI project.';
  static override description =
    'Generates a project with poc.yaml, a serving app and baseline model, integration contracts, CI, a ' +
    'Dockerfile, a Helm chart per environment and facility, monitoring and governance documents. Every ' +
    'question is also a flag (and a POC_* variable); questions are asked only when stdin is a terminal and ' +
    '--yes is not given. The answers are kept in .poc/answers.yaml and the hash of every generated file in ' +
    '.poc/files.lock. Exits 2, writing nothing, when an answer or the target directory is not usable.';

  static override examples = [
    '<%= config.bin %> init --yes',
    '<%= config.bin %> init line-3-defects --integrations mes-rest,sensors-mqtt --facilities plant-a,plant-b --yes',
    '<%= config.bin %> init pump-health --use-case predictive-maintenance --remote s3 --s3-bucket acme-ml --ci gitlab --yes',
    '<%= config.bin %> init --answers .poc/answers.yaml --dir ../copy --dry-run',
  ];

  static override args = {
    name: Args.string({
      description: 'Project name (lowercase letters, digits, "-"); default poc-demo with --yes.',
    }),
  };

  static override flags = withEnv({
    dir: Flags.string({ char: 'C', summary: 'Where to create the project (default: ./NAME).' }),
    yes: Flags.boolean({
      char: 'y',
      summary: 'Accept the default for every question not answered by a flag.',
    }),
    answers: Flags.file({
      summary: 'YAML file of answers, e.g. .poc/answers.yaml of another project.',
      exists: false,
    }),
    'dry-run': Flags.boolean({ summary: 'Print the file plan and write nothing.' }),
    force: Flags.boolean({
      summary: 'Write into a non-empty directory, replacing files the plan generates.',
    }),
    git: Flags.boolean({
      summary: 'Run git init and make the initial commit.',
      allowNo: true,
      default: true,
    }),
    'use-case': Flags.string({
      summary: 'quality-inspection (default: visual/inline defect detection) or predictive-maintenance.',
      helpGroup: 'ANSWERS',
    }),
    description: Flags.string({ summary: 'One line on what the model does.', helpGroup: 'ANSWERS' }),
    integrations: Flags.string({
      summary: `Comma-separated, or "none": ${INTEGRATION_IDS.join(', ')}.`,
      helpGroup: 'ANSWERS',
    }),
    remote: Flags.string({ summary: 'Data remote type: local (default) or s3.', helpGroup: 'ANSWERS' }),
    'remote-path': Flags.string({
      summary: 'Local remote directory (default ../.poc-remote).',
      helpGroup: 'ANSWERS',
    }),
    's3-bucket': Flags.string({ summary: 'S3 bucket of the data remote.', helpGroup: 'ANSWERS' }),
    's3-prefix': Flags.string({ summary: 'Key prefix in the bucket.', helpGroup: 'ANSWERS' }),
    's3-endpoint': Flags.string({ summary: 'Endpoint URL of an S3-compatible store.', helpGroup: 'ANSWERS' }),
    's3-region': Flags.string({ summary: 'S3 region (default us-east-1).', helpGroup: 'ANSWERS' }),
    ci: Flags.string({ summary: 'CI provider: github (default), gitlab or both.', helpGroup: 'ANSWERS' }),
    registry: Flags.string({
      summary: 'Container registry host and path (default ghcr.io/acme).',
      helpGroup: 'ANSWERS',
    }),
    facilities: Flags.string({
      summary: 'Comma-separated production facilities (default plant-a).',
      helpGroup: 'ANSWERS',
    }),
    'sla-percentile': Flags.string({ summary: 'Latency SLA percentile (default 95).', helpGroup: 'ANSWERS' }),
    'sla-bound-ms': Flags.string({
      summary: 'Latency bound at that percentile in ms (default 50).',
      helpGroup: 'ANSWERS',
    }),
    'owner-model': Flags.string({
      summary: 'Model owner, e.g. "Jane Doe <jane@plant.example>".',
      helpGroup: 'ANSWERS',
    }),
    'owner-data': Flags.string({ summary: 'Data owner.', helpGroup: 'ANSWERS' }),
    'owner-operations': Flags.string({ summary: 'Operations owner at the plant.', helpGroup: 'ANSWERS' }),
    'owner-escalation': Flags.string({
      summary: 'Escalation contact when accuracy degrades.',
      helpGroup: 'ANSWERS',
    }),
  });

  async run(): Promise<InitResult> {
    const flags = this.flags;
    const result = await initProject({
      flags: {
        name: this.args.name,
        useCase: flags['use-case'],
        description: flags.description,
        integrations: flags.integrations,
        remote: flags.remote,
        remotePath: flags['remote-path'],
        s3Bucket: flags['s3-bucket'],
        s3Prefix: flags['s3-prefix'],
        s3Endpoint: flags['s3-endpoint'],
        s3Region: flags['s3-region'],
        ci: flags.ci,
        registry: flags.registry,
        facilities: flags.facilities,
        slaPercentile: numberOrText(flags['sla-percentile']),
        slaBoundMs: numberOrText(flags['sla-bound-ms']),
        ownerModel: flags['owner-model'],
        ownerData: flags['owner-data'],
        ownerOperations: flags['owner-operations'],
        ownerEscalation: flags['owner-escalation'],
      },
      answersFile: flags.answers,
      dir: flags.dir,
      interactive: !flags.yes && !this.jsonEnabled() && Boolean(process.stdin.isTTY),
      dryRun: flags['dry-run'],
      force: flags.force,
      git: flags.git,
      notice: (message) => this.notice(message),
    });
    this.render(result);
    return result;
  }

  private render(result: InitResult): void {
    if (result.dryRun) {
      this.log(`Plan for ${result.name} (${result.useCase}) in ${result.dir}: ${result.files.length} files`);
      this.log(table(result.files.map((file) => [file.path, `${file.bytes} B`, paint(file.source, 'dim')])));
      this.log('Dry run: nothing was written.');
      return;
    }
    this.log(`Created ${result.name} (${result.useCase}) in ${result.dir}: ${result.files.length} files.`);
    if (result.overwritten.length > 0)
      this.log(`Replaced ${result.overwritten.length} existing files (--force).`);
    if (result.git?.commit) this.log(`Initial commit ${result.git.commit}.`);
    this.log('\nNext steps:');
    this.log(table(result.nextSteps.map((step) => [step])));
  }
}

/**
 * Numbers stay text until validation so a bad value is reported with the other answers
 * (oclif's integer flag would stop at the first problem).
 */
function numberOrText(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  return Number.isFinite(number) && value.trim() !== '' ? number : value;
}
