import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../../core/base-command.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { table } from '../../core/table.js';
import { formatBytes, formatProgress, pushData, shortRoot, type PushResult } from '../../data/index.js';
import { loadProject } from '../../manifest/index.js';

export default class DataPush extends BaseCommand<typeof DataPush> {
  static override summary = 'Upload datasets in data.lock to the remote; crash-safe and resumable.';
  static override description =
    'Lists the remote, uploads only missing objects (small files packed), confirms them against a fresh listing ' +
    "(and with --verify re-hashes every remote object), and only then writes each version's commit marker. " +
    'An interrupted push leaves no marker and resumes when run again. --dry-run prints the plan.';

  static override examples = [
    '<%= config.bin %> data push',
    '<%= config.bin %> data push train --verify',
    '<%= config.bin %> data push --dry-run --json',
  ];

  static override strict = false;
  static override args = {
    name: Args.string({ description: 'Datasets to push (default: all in data.lock).' }),
  };
  static override flags = {
    ...projectFlags,
    ...withEnv({
      jobs: Flags.integer({ char: 'j', summary: 'Parallel transfers.', default: 8, min: 1, max: 64 }),
      verify: Flags.boolean({
        summary: 'Download and re-hash every remote object before marking versions pushed.',
      }),
      'dry-run': Flags.boolean({ summary: 'Print what would be uploaded and stop.' }),
    }),
  };

  async run(): Promise<PushResult> {
    const { root, manifest } = await loadProject(this.flags.dir);
    const { argv } = await this.parse({
      flags: DataPush.flags,
      args: DataPush.args,
      baseFlags: BaseCommand.baseFlags,
      strict: false,
      enableJsonFlag: true,
    });
    const started = Date.now();
    const result = await pushData(root, manifest, {
      names: argv.map(String),
      jobs: this.flags.jobs,
      verify: this.flags.verify,
      dryRun: this.flags['dry-run'],
      onProgress: (p) => this.progress.update(formatProgress(p, started)),
    });
    this.progress.done();
    this.log(
      table(
        result.datasets.map((d) => [
          d.name,
          shortRoot(d.root),
          d.upToDate
            ? 'up to date (checked on the remote)'
            : `${result.dryRun ? 'would upload' : 'uploaded'} ${d.uploadFiles} files, ${formatBytes(d.uploadBytes)}`,
        ]),
      ),
    );
    if (!result.dryRun && result.verified) this.log(`Verified ${result.verified} remote objects by sha256.`);
    this.log(`Remote: ${result.remote}`);
    return result;
  }
}
