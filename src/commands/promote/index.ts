import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../../core/base-command.js';
import { ExitCode } from '../../core/errors.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { deployFlags } from '../../promote/deploy-flags.js';
import { promote, shortDigest, type PromotionResult } from '../../promote/index.js';
import { formatClusters, formatGates, formatPlan } from '../../promote/report.js';

export default class Promote extends BaseCommand<typeof Promote> {
  static override summary = 'Promote the release bundle to an environment, gated and recorded.';
  static override description =
    'Builds the content-addressed release bundle (commit, image digest, model sha256 with lineage, chart, ' +
    'rendered values per cluster, audit and bench evidence), checks every gate with its evidence (clean ' +
    'pushed tree, audit score, bench SLA for this model, data pushed, preceding environment and soak, ' +
    'approvals, freeze windows), prints the per-cluster plan, then deploys wave by wave with helm or gitops, ' +
    'verifying each cluster and rolling back the clusters it changed if one fails. Every promotion is ' +
    'written to the hash-chained ledger .poc/ledger.jsonl and tagged promote/ENV/N. ' +
    'Exit 1 when a gate or a verification fails.';

  static override examples = [
    '<%= config.bin %> promote staging --dry-run --bench bench.json --image-digest sha256:…',
    '<%= config.bin %> promote production --max-parallel 2 --json',
  ];

  static override args = {
    env: Args.string({
      description: 'Environment to promote to (a name under environments in poc.yaml).',
      required: true,
    }),
  };

  static override flags = {
    ...projectFlags,
    ...withEnv({
      'dry-run': Flags.boolean({
        summary: 'Check the gates and print the per-cluster plan; change nothing.',
      }),
      'max-parallel': Flags.integer({
        summary: "Clusters deployed at once within a wave (default: the environment's maxParallel).",
        min: 1,
      }),
      bench: Flags.file({
        summary: 'Bench evidence: the file "poc bench --json" wrote for this model.',
        exists: false,
      }),
      'bench-now': Flags.boolean({
        summary: 'Run the bench now (poc bench defaults, the SLA in poc.yaml) instead of reading --bench.',
        exclusive: ['bench'],
      }),
      'image-digest': Flags.string({ summary: 'Digest of the pushed image (sha256:…) the release pins.' }),
      actor: Flags.string({ summary: 'Who promotes, for the ledger (default: git user.name <user.email>).' }),
      ...deployFlags,
    }),
  };

  async run(): Promise<PromotionResult> {
    const { flags } = this;
    const result = await promote({
      dir: flags.dir,
      env: this.args.env,
      dryRun: flags['dry-run'],
      maxParallel: flags['max-parallel'],
      benchFile: flags.bench,
      benchNow: flags['bench-now'],
      imageDigest: flags['image-digest'],
      actor: flags.actor,
      timeout: flags.timeout,
      verifyTimeoutMs: flags['verify-timeout'] * 1000,
      onProgress: (message) => this.progress.update(message),
    });
    this.progress.done();
    if (result.status === 'blocked' || result.status === 'failed') this.exitWith(ExitCode.gateFailed);
    if (result.tagProblem) this.notice(result.tagProblem);
    this.render(result);
    return result;
  }

  private render(result: PromotionResult): void {
    const { summary } = result;
    this.log(`Bundle ${result.bundle} for ${result.env}`);
    this.log(
      `  commit ${summary.commit.sha.slice(0, 12)} by ${summary.commit.author.name}: ${summary.commit.subject}`,
    );
    this.log(
      `  model ${summary.model.version} sha256 ${summary.model.sha256.slice(0, 12)}${summary.image ? `, image ${summary.image.reference}` : ''}`,
    );
    this.log('Gates:');
    this.log(formatGates(result.gates));
    this.log(formatPlan(result.plan));
    if (result.status === 'blocked') {
      const failed = result.gates.filter((gate) => gate.status === 'fail').map((gate) => gate.name);
      this.log(
        `\nRefused: ${failed.length} gate${failed.length === 1 ? '' : 's'} failed (${failed.join(', ')}); nothing was deployed.`,
      );
      return;
    }
    if (result.dryRun) {
      this.log(
        `\nDry run: nothing was changed. Approve with "poc promote approve ${result.env} --bundle ${shortDigest(result.bundle)} --by NAME".`,
      );
      return;
    }
    this.log('Result:');
    this.log(formatClusters(result.clusters));
    this.log(
      result.status === 'succeeded'
        ? `\nPromoted ${shortDigest(result.bundle)} to ${result.env}; ledger entry ${result.ledgerEntry}${result.tag ? `, tag ${result.tag}` : ''}.`
        : `\nPromotion to ${result.env} failed; the clusters it changed were rolled back (ledger entry ${result.ledgerEntry}).`,
    );
  }
}
