import { Flags } from '@oclif/core';

import { BaseCommand } from '../../core/base-command.js';
import { ExitCode } from '../../core/errors.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { paint } from '../../core/style.js';
import { table } from '../../core/table.js';
import { promotionLog, shortDigest, type LedgerLog } from '../../promote/index.js';

export default class PromoteLog extends BaseCommand<typeof PromoteLog> {
  static override summary = 'Show the promotion ledger; --verify checks its hash chain.';
  static override description =
    'Lists who promoted, approved or rolled back which bundle where, and the result. With --verify, ' +
    'every entry is checked against the hash chain and each edited, removed or reordered entry is ' +
    'named; exit 1 when the chain is broken.';

  static override examples = [
    '<%= config.bin %> promote log',
    '<%= config.bin %> promote log --verify --json',
  ];

  static override flags = {
    ...projectFlags,
    ...withEnv({
      env: Flags.string({ summary: 'Only entries for this environment.' }),
      verify: Flags.boolean({ summary: 'Check every link of the hash chain.' }),
    }),
  };

  async run(): Promise<LedgerLog> {
    const log = await promotionLog({ dir: this.flags.dir, env: this.flags.env, verify: this.flags.verify });
    const rows = log.entries.map((entry) => [
      String(entry.seq),
      entry.at,
      entry.kind,
      entry.env,
      shortDigest(entry.bundle),
      entry.actor,
      entry.kind === 'approval'
        ? 'approved'
        : `${entry.result}${entry.breakGlass ? ' (break-glass)' : ''}${entry.tag ? ` ${entry.tag}` : ''}`,
    ]);
    this.log(rows.length ? table(rows) : `No entries in ${log.file}.`);
    if (this.flags.verify) {
      if (log.verified)
        this.log(paint(`\n${log.file}: chain of ${log.entries.length} entries verified.`, 'green'));
      else {
        this.exitWith(ExitCode.gateFailed);
        this.log(paint(`\n${log.file}: the hash chain is broken:`, 'red'));
        for (const problem of log.problems)
          this.log(
            `  line ${problem.line}${problem.seq === undefined ? '' : ` (entry ${problem.seq})`} ${problem.message}`,
          );
      }
    }
    return log;
  }
}
