import { Args, Flags } from '@oclif/core';

import { BaseCommand } from '../../core/base-command.js';
import { projectFlags, withEnv } from '../../core/flags.js';
import { approve, shortDigest, type ApprovalResult } from '../../promote/index.js';

export default class PromoteApprove extends BaseCommand<typeof PromoteApprove> {
  static override summary = 'Approve the current release bundle for an environment.';
  static override description =
    'Builds the bundle this tree would promote (the same inputs as "poc promote"), checks it is the one ' +
    'you reviewed (--bundle) and that you are not the author of its commit when the environment requires ' +
    'that, then records your approval with the evidence you saw in the ledger.';

  static override examples = [
    '<%= config.bin %> promote approve production --bundle 3f2a9c1e0b7d --by "Jane Doe <jane@plant.example>"',
  ];

  static override args = {
    env: Args.string({ description: 'Environment the approval is for.', required: true }),
  };

  static override flags = {
    ...projectFlags,
    ...withEnv({
      by: Flags.string({ summary: 'Who approves: name and e-mail.', required: true }),
      bundle: Flags.string({ summary: 'Digest (or its first 12 digits) of the bundle you reviewed.' }),
      comment: Flags.string({ summary: 'Why, for the ledger.' }),
      bench: Flags.file({ summary: 'Bench evidence: the file "poc bench --json" wrote for this model.' }),
      'image-digest': Flags.string({ summary: 'Digest of the pushed image (sha256:…) the release pins.' }),
    }),
  };

  async run(): Promise<ApprovalResult> {
    const { flags } = this;
    const result = await approve({
      dir: flags.dir,
      env: this.args.env,
      by: flags.by,
      bundle: flags.bundle,
      comment: flags.comment,
      benchFile: flags.bench,
      imageDigest: flags['image-digest'],
    });
    this.log(
      `${result.by} approved bundle ${shortDigest(result.bundle)} for ${result.env} (ledger entry ${result.ledgerEntry}); ` +
        `${result.approvals.length} of ${result.required} required approval${result.required === 1 ? '' : 's'} recorded.`,
    );
    return result;
  }
}
