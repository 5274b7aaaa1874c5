import { Flags } from '@oclif/core';

import { BaseCommand } from '../../core/base-command.js';
import { ExitCode } from '../../core/errors.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { table } from '../../core/table.js';
import { dataStatus, shortRoot, type StatusResult } from '../../data/index.js';
import { loadProject } from '../../manifest/index.js';

export default class DataStatus extends BaseCommand<typeof DataStatus> {
  static override summary = 'Compare the workspace, data.lock, the cache and (with --remote) the remote.';
  static override description =
    'For each dataset: whether the workspace matches data.lock (clean, modified, missing, not added), how many ' +
    'of its files the local cache lacks, and with --remote whether the version is completely on the remote, ' +
    'decided from a listing made now. Exit 1 when anything is out of step, so CI can gate on it.';

  static override examples = [
    '<%= config.bin %> data status',
    '<%= config.bin %> data status --remote --json',
  ];

  static override flags = {
    ...projectFlags,
    ...withEnv({
      remote: Flags.boolean({
        char: 'r',
        summary: 'Also check that each version is completely on the remote.',
      }),
      jobs: Flags.integer({ char: 'j', summary: 'Files hashed in parallel.', default: 8, min: 1, max: 64 }),
    }),
  };

  async run(): Promise<StatusResult> {
    const { root, manifest } = await loadProject(this.flags.dir);
    const status = await dataStatus(root, manifest, { remote: this.flags.remote, jobs: this.flags.jobs });
    if (status.datasets.length === 0)
      this.log('No datasets yet: "poc data add data/train --name train" starts one.');
    else {
      this.log(
        table(
          status.datasets.map((d) => [
            d.name,
            d.path,
            d.root ? shortRoot(d.root) : '-',
            d.workspace,
            d.missingFromCache ? `${d.missingFromCache} files not in cache` : 'cached',
            d.pushed === undefined ? '' : d.pushed ? 'pushed' : 'not pushed',
          ]),
        ),
      );
    }
    if (!status.clean) this.exitWith(ExitCode.gateFailed);
    return status;
  }
}
