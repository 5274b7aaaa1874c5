import { Flags } from '@oclif/core';

import { BaseCommand } from '../../core/base-command.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { paint } from '../../core/style.js';
import { table } from '../../core/table.js';
import { promotionStatus, shortDigest, type FacilityStatus } from '../../promote/index.js';

export default class PromoteStatus extends BaseCommand<typeof PromoteStatus> {
  static override summary = 'Show which bundle runs where, per facility.';
  static override description =
    'Replays the ledger (refusing a tampered one) into what each cluster of each environment runs: ' +
    'bundle, since when, model, commit and deployer revision, grouped by facility.';

  static override examples = [
    '<%= config.bin %> promote status',
    '<%= config.bin %> promote status --env production --json',
  ];

  static override flags = {
    ...projectFlags,
    ...withEnv({ env: Flags.string({ summary: 'Only this environment.' }) }),
  };

  async run(): Promise<{ clusters: FacilityStatus[] }> {
    const clusters = await promotionStatus({ dir: this.flags.dir, env: this.flags.env });
    const rows = [
      ['FACILITY', 'ENV', 'CLUSTER', 'BUNDLE', 'SINCE', 'MODEL', 'REVISION'].map((h) => paint(h, 'bold')),
      ...clusters.map((c) => [
        c.facility,
        c.env,
        c.cluster,
        c.bundle ? shortDigest(c.bundle) : paint('none', 'dim'),
        c.since ?? '',
        c.model ?? '',
        c.revision ? c.revision.slice(0, 12) : '',
      ]),
    ];
    this.log(table(rows));
    return { clusters };
  }
}
