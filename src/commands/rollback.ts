import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../core/base-command.js';
import { ExitCode } from '../core/errors.js';
import { projectFlags, withEnv } from '../core/flags.js';
import { deployFlags } from '../promote/deploy-flags.js';
import { rollback, shortDigest, type RollbackResult } from '../promote/index.js';
import { formatClusters, formatGates } from '../promote/report.js';

export default class Rollback extends BaseCommand<typeof Rollback> {
  static override summary = 'Return every cluster of an environment to the previous (or a named) bundle.';
  static override description =
    'Finds the bundle the environment ran before (or --to DIGEST) in the ledger and deploys it cluster by ' +
    'cluster with the same verification as a promotion (helm rollback to the revision that ran it, or a ' +
    'gitops commit of its values). Inside a freeze window it needs --break-glass, which the ledger records.';

  static override examples = [
    '<%= config.bin %> rollback production',
    '<%= config.bin %> rollback production --to 3f2a9c1e0b7d --break-glass',
  ];

  static override args = {
    env: Args.string({ description: 'Environment to roll back.', required: true }),
  };

  static override flags = {
    ...projectFlags,
    ...withEnv({
      to: Flags.string({ summary: 'Digest (or its first 12 digits) of the bundle to return to.' }),
      'break-glass': Flags.boolean({
        summary: 'Roll back even inside a freeze window (recorded in the ledger).',
      }),
      'dry-run': Flags.boolean({ summary: 'Show what would be rolled back; change nothing.' }),
      'max-parallel': Flags.integer({ summary: 'Clusters rolled back at once within a wave.', min: 1 }),
      actor: Flags.string({
        summary: 'Who rolls back, for the ledger (default: git user.name <user.email>).',
      }),
      ...deployFlags,
    }),
  };

  async run(): Promise<RollbackResult> {
    const { flags } = this;
    const result = await rollback({
      dir: flags.dir,
      env: this.args.env,
      to: flags.to,
      breakGlass: flags['break-glass'],
      dryRun: flags['dry-run'],
      maxParallel: flags['max-parallel'],
      actor: flags.actor,
      timeout: flags.timeout,
      verifyTimeoutMs: flags['verify-timeout'] * 1000,
      onProgress: (message) => this.progress.update(message),
    });
    this.progress.done();
    if (result.status === 'blocked' || result.status === 'failed') this.exitWith(ExitCode.gateFailed);
    if (result.tagProblem) this.notice(result.tagProblem);
    const from = result.from.map(shortDigest).join(', ') || 'nothing';
    this.log(`Rollback of ${result.env}: ${from} -> ${shortDigest(result.to)}`);
    this.log('Gates:');
    this.log(formatGates(result.gates));
    if (result.status === 'blocked') this.log('\nRefused: nothing was changed.');
    else if (result.dryRun) this.log('\nDry run: nothing was changed.');
    else {
      this.log(formatClusters(result.clusters));
      this.log(
        result.status === 'succeeded'
          ? `\nRolled back ${result.env} (ledger entry ${result.ledgerEntry}${result.tag ? `, tag ${result.tag}` : ''}).`
          : `\nRollback of ${result.env} failed (ledger entry ${result.ledgerEntry}).`,
      );
    }
    return result;
  }
}
