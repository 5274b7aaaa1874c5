import { Flags } from '@oclif/core';

import { BaseCommand } from '../../core/base-command.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { formatBytes, gcData, type GcResult } from '../../data/index.js';
import { loadProject } from '../../manifest/index.js';

export default class DataGc extends BaseCommand<typeof DataGc> {
  static override summary = 'Remove cache objects no recent version of data.lock references.';
  static override description =
    'Keeps every object used by the workspace data.lock and by data.lock in the last --keep-revs commits that ' +
    'changed it; removes the rest from .poc/cache. Never touches the remote. --dry-run lists what would go.';

  static override examples = [
    '<%= config.bin %> data gc --dry-run',
    '<%= config.bin %> data gc --keep-revs 1',
  ];

  static override flags = {
    ...projectFlags,
    ...withEnv({
      'keep-revs': Flags.integer({
        summary: 'Commits of data.lock history whose versions are kept.',
        default: 5,
        min: 0,
      }),
      'dry-run': Flags.boolean({ summary: 'Report what would be removed and stop.' }),
    }),
  };

  async run(): Promise<GcResult> {
    const { root } = await loadProject(this.flags.dir);
    const result = await gcData(root, { keepRevs: this.flags['keep-revs'], dryRun: this.flags['dry-run'] });
    const verb = result.dryRun ? 'Would remove' : 'Removed';
    this.log(
      `${verb} ${result.removed.objects} object(s), ${formatBytes(result.removed.bytes)}; kept ${result.kept} used by ` +
        `${result.referencedVersions} version(s) across the workspace and ${result.keptRevisions.length} commit(s).`,
    );
    if (result.unknownVersions.length) {
      this.notice(
        `${result.unknownVersions.length} referenced version(s) were never fetched here, so none of their objects were in the cache.`,
      );
    }
    return result;
  }
}
