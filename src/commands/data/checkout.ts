import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../../core/base-command.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { table } from '../../core/table.js';
import { checkoutData, shortRoot, type CheckoutResult } from '../../data/index.js';
import { loadProject } from '../../manifest/index.js';

export default class DataCheckout extends BaseCommand<typeof DataCheckout> {
  static override summary = 'Make the workspace match data.lock, or data.lock at a git revision (--rev).';
  static override description =
    'Materialises each dataset from the local cache (no network; "poc data pull" fetches what the cache lacks). ' +
    'The new version is staged completely before it replaces the old one, so a failure leaves the workspace as ' +
    'it was. Workspace changes that are not in the cache stop it unless --force.';

  static override examples = [
    '<%= config.bin %> data checkout',
    '<%= config.bin %> data checkout train --rev v1.0',
    '<%= config.bin %> data checkout --rev HEAD~3 --force',
  ];

  static override strict = false;
  static override args = { name: Args.string({ description: 'Datasets to check out (default: all).' }) };
  static override flags = {
    ...projectFlags,
    ...withEnv({
      rev: Flags.string({ summary: 'Git revision whose data.lock to materialise (commit, tag, branch).' }),
      force: Flags.boolean({ char: 'f', summary: 'Discard workspace changes that are not in the cache.' }),
      jobs: Flags.integer({ char: 'j', summary: 'Parallel copies.', default: 8, min: 1, max: 64 }),
    }),
  };

  async run(): Promise<CheckoutResult> {
    const { root, manifest } = await loadProject(this.flags.dir);
    const { argv } = await this.parse({
      flags: DataCheckout.flags,
      args: DataCheckout.args,
      baseFlags: BaseCommand.baseFlags,
      strict: false,
      enableJsonFlag: true,
    });
    const result = await checkoutData(root, manifest, {
      names: argv.map(String),
      rev: this.flags.rev,
      force: this.flags.force,
      jobs: this.flags.jobs,
    });
    this.log(table(result.datasets.map((d) => [d.name, d.path, shortRoot(d.root), d.action])));
    return result;
  }
}
