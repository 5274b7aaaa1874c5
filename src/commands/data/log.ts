import { Args } from '@oclif/core';

import { BaseCommand } from '../../core/base-command.js';
import { projectFlags } from '../../core/flags.js';
import { table } from '../../core/table.js';
import { datasetLog, formatBytes, shortRoot, type DatasetLog } from '../../data/index.js';
import { loadProject } from '../../manifest/index.js';

export default class DataLog extends BaseCommand<typeof DataLog> {
  static override summary = "List a dataset's or model's versions across git history, with lineage.";
  static override description =
    'One row per commit where the root hash in data.lock changed, newest first, plus the uncommitted data.lock. ' +
    'For a model, the dataset versions it was produced from (--from); for a dataset, the models that used it.';

  static override examples = [
    '<%= config.bin %> data log train',
    '<%= config.bin %> data log model/model.onnx --json',
  ];

  static override args = {
    name: Args.string({ description: 'Dataset or model name, or its path.', required: true }),
  };
  static override flags = { ...projectFlags };

  async run(): Promise<DatasetLog> {
    const { root } = await loadProject(this.flags.dir);
    const log = await datasetLog(root, this.args.name);
    this.log(`${log.kind} ${log.name} (${log.path}): ${log.versions.length} version(s)`);
    this.log(
      table(
        log.versions.map((v) => [
          v.commit ? v.commit.slice(0, 8) : 'workspace',
          v.date ? v.date.slice(0, 19).replace('T', ' ') : 'uncommitted',
          shortRoot(v.root),
          `${v.files} files`,
          formatBytes(v.bytes),
          v.from?.length ? `from ${v.from.map((f) => `${f.name}@${shortRoot(f.root)}`).join(', ')}` : '',
          v.subject ?? '',
        ]),
      ),
    );
    if (log.usedBy.length)
      this.log(
        `Used by: ${log.usedBy.map((u) => `${u.name}@${shortRoot(u.root)} (from ${shortRoot(u.from)})`).join(', ')}`,
      );
    return log;
  }
}
