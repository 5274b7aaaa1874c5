import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../../core/base-command.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { table } from '../../core/table.js';
import { addData, formatBytes, shortRoot, type AddedDataset } from '../../data/index.js';
import { loadProject } from '../../manifest/index.js';

export default class DataAdd extends BaseCommand<typeof DataAdd> {
  static override summary =
    'Version files or directories: hash them into the cache and record them in data.lock.';
  static override description =
    'Each PATH (a file or a directory inside the project) is hashed with sha256 into .poc/cache, recorded in ' +
    'data.lock with its root hash, file count, size and, for CSV/TSV/JSON Lines files, a schema summary, and ' +
    'listed in .gitignore so the data never enters git. Without PATH, adds every dataset in poc.yaml. ' +
    'With --kind model --from, records which dataset versions produced a model.';

  static override examples = [
    '<%= config.bin %> data add data/train --name train',
    '<%= config.bin %> data add',
    '<%= config.bin %> data add model/model.onnx --kind model --from train,val',
  ];

  static override strict = false;
  static override args = {
    path: Args.string({ description: 'Files or directories to add (several allowed).' }),
  };

  static override flags = {
    ...projectFlags,
    ...withEnv({
      name: Flags.string({
        char: 'n',
        summary: 'Name of the dataset in data.lock (default: from poc.yaml or the path).',
      }),
      kind: Flags.string({
        summary: 'What the path holds.',
        options: ['dataset', 'model'],
        default: 'dataset',
      }),
      from: Flags.string({
        summary: 'Comma-separated datasets in data.lock this was produced from (lineage).',
      }),
      jobs: Flags.integer({
        char: 'j',
        summary: 'Files hashed and copied in parallel.',
        default: 8,
        min: 1,
        max: 64,
      }),
    }),
  };

  async run(): Promise<{ datasets: AddedDataset[] }> {
    const { root, manifest } = await loadProject(this.flags.dir);
    const datasets = await addData(root, manifest, {
      paths: await this.paths(),
      name: this.flags.name,
      kind: this.flags.kind as 'dataset' | 'model',
      from: this.flags.from
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      jobs: this.flags.jobs,
      onProgress: (done, total) => this.progress.update(`hashing ${done}/${total} files`),
    });
    this.progress.done();
    this.log(
      table(
        datasets.map((d) => [
          d.name,
          d.path,
          shortRoot(d.root),
          `${d.files} files`,
          formatBytes(d.bytes),
          d.changed ? 'updated' : 'unchanged',
        ]),
      ),
    );
    for (const d of datasets.filter((added) => added.trackedByGit)) {
      this.notice(
        `git already tracks files under ${d.path}; take them out with "git rm -r --cached ${d.path}".`,
      );
    }
    this.log('Commit data.lock and .gitignore; "poc data push" uploads the data.');
    return { datasets };
  }

  /** Every positional argument (the command is not strict, so PATH can repeat). */
  private async paths(): Promise<string[]> {
    const { argv } = await this.parse({
      flags: DataAdd.flags,
      baseFlags: BaseCommand.baseFlags,
      args: DataAdd.args,
      strict: false,
      enableJsonFlag: true,
    });
    return argv.map(String);
  }
}
