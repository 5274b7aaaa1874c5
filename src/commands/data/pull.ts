import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../../core/base-command.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { table } from '../../core/table.js';
import {
  checkoutData,
  formatBytes,
  formatProgress,
  shortRoot,
  type CheckoutResult,
} from '../../data/index.js';
import { loadProject } from '../../manifest/index.js';

export default class DataPull extends BaseCommand<typeof DataPull> {
  static override summary =
    'Download the datasets in data.lock from the remote, verified, and check them out.';
  static override description =
    'Fetches every object of the locked versions that the cache lacks, bounded in parallel with retries, and ' +
    "checks each one's sha256 before it enters the cache: a corrupted or tampered object is rejected by key. " +
    'Only when everything is in the cache is the workspace updated, through a staged swap.';

  static override examples = [
    '<%= config.bin %> data pull',
    '<%= config.bin %> data pull train',
    '<%= config.bin %> data pull --rev v1.0',
  ];

  static override strict = false;
  static override args = { name: Args.string({ description: 'Datasets to pull (default: all).' }) };
  static override flags = {
    ...projectFlags,
    ...withEnv({
      rev: Flags.string({ summary: 'Git revision whose data.lock to materialise (commit, tag, branch).' }),
      force: Flags.boolean({ char: 'f', summary: 'Discard workspace changes that are not in the cache.' }),
      jobs: Flags.integer({
        char: 'j',
        summary: 'Parallel transfers and copies.',
        default: 8,
        min: 1,
        max: 64,
      }),
    }),
  };

  async run(): Promise<CheckoutResult> {
    const { root, manifest } = await loadProject(this.flags.dir);
    const { argv } = await this.parse({
      flags: DataPull.flags,
      args: DataPull.args,
      baseFlags: BaseCommand.baseFlags,
      strict: false,
      enableJsonFlag: true,
    });
    const started = Date.now();
    const result = await checkoutData(root, manifest, {
      names: argv.map(String),
      rev: this.flags.rev,
      force: this.flags.force,
      fetch: true,
      jobs: this.flags.jobs,
      onProgress: (p) => this.progress.update(formatProgress(p, started)),
    });
    this.progress.done();
    if (result.fetched.bytes)
      this.log(
        `Fetched ${result.fetched.objects} objects and ${result.fetched.packs} packs, ${formatBytes(result.fetched.bytes)}, each verified by sha256.`,
      );
    this.log(table(result.datasets.map((d) => [d.name, d.path, shortRoot(d.root), d.action])));
    return result;
  }
}
