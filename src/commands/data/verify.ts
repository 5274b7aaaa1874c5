import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../../core/base-command.js';
import { ExitCode, formatProblem } from '../../core/errors.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { verifyData, type VerifyResult } from '../../data/index.js';
import { loadProject } from '../../manifest/index.js';

export default class DataVerify extends BaseCommand<typeof DataVerify> {
  static override summary =
    'Re-hash everything: data.lock against the cache, the workspace and (--remote) the remote.';
  static override description =
    'Every version in data.lock must exist in the cache with its root hash, every cached object must re-hash to ' +
    'its name, counts and sizes must match, the workspace must match, and with --remote every remote object is ' +
    'downloaded and re-hashed. Each problem names its dataset and data.lock line; exit 1 when there is any.';

  static override examples = [
    '<%= config.bin %> data verify',
    '<%= config.bin %> data verify train --remote',
  ];

  static override strict = false;
  static override args = { name: Args.string({ description: 'Datasets to verify (default: all).' }) };
  static override flags = {
    ...projectFlags,
    ...withEnv({
      remote: Flags.boolean({ char: 'r', summary: 'Also download and re-hash the remote copy.' }),
      jobs: Flags.integer({
        char: 'j',
        summary: 'Objects hashed or downloaded in parallel.',
        default: 8,
        min: 1,
        max: 64,
      }),
    }),
  };

  async run(): Promise<VerifyResult> {
    const { root, manifest } = await loadProject(this.flags.dir);
    const { argv } = await this.parse({
      flags: DataVerify.flags,
      args: DataVerify.args,
      baseFlags: BaseCommand.baseFlags,
      strict: false,
      enableJsonFlag: true,
    });
    const result = await verifyData(root, manifest, {
      names: argv.map(String),
      remote: this.flags.remote,
      jobs: this.flags.jobs,
    });
    if (result.ok) {
      this.log(
        `Verified ${result.datasets} dataset(s): ${result.objectsChecked} cached objects${this.flags.remote ? ` and ${result.remoteObjectsChecked} remote objects` : ''} match their sha256.`,
      );
    } else {
      this.exitWith(ExitCode.gateFailed);
      this.log(`Verification failed with ${result.problems.length} problem(s):`);
      for (const problem of result.problems) this.log(`  ${formatProblem(problem)}`);
    }
    return result;
  }
}
