import { UserError } from '../core/errors.js';
import { saveBundle } from './bundle.js';
import { shortDigest } from './digest.js';
import type { EvidenceSources } from './evidence.js';
import { isAuthor } from './gates/index.js';
import { appendLedger } from './ledger.js';
import { assembleRelease } from './release.js';

export interface ApproveOptions {
  dir?: string;
  env: string;
  by: string;
  /** The digest (or prefix) the approver reviewed; must be the bundle the tree makes now. */
  bundle?: string;
  comment?: string;
  benchFile?: string;
  imageDigest?: string;
  now?: Date;
  sources?: EvidenceSources;
}

export interface ApprovalResult {
  env: string;
  bundle: string;
  by: string;
  ledgerEntry: number;
  approvals: string[];
  required: number;
}

/**
 * `poc promote approve ENV --by NAME`: records in the ledger that NAME approved this bundle for
 * ENV, with the evidence the bundle carries, so the record shows what they saw.
 */
export async function approve(options: ApproveOptions): Promise<ApprovalResult> {
  const by = options.by.trim();
  if (!by) throw new UserError('--by must name the approver.', { code: 'APPROVER_MISSING' });
  const { project, env, gates, ledger, built } = await assembleRelease(options);
  const digest = built.digest;
  if (
    options.bundle &&
    !digest.replace(/^sha256:/, '').startsWith(options.bundle.replace(/^sha256:/, '').toLowerCase())
  ) {
    throw new UserError(
      `Bundle ${options.bundle} is not what this tree would promote to ${env.name} (${shortDigest(digest)}).`,
      {
        code: 'BUNDLE_MISMATCH',
        hint: 'The commit, model, values or evidence changed since it was reviewed; review the new plan with "poc promote ENV --dry-run".',
      },
    );
  }
  if (gates.approvals.distinctFromAuthor && isAuthor(by, built.bundle.commit.author)) {
    const author = built.bundle.commit.author;
    throw new UserError(
      `${by} wrote commit ${built.bundle.commit.sha.slice(0, 12)} and may not approve its promotion to ${env.name}.`,
      {
        code: 'APPROVER_IS_AUTHOR',
        hint: `Ask someone other than ${author.name} <${author.email}> to approve (gates.approvals.distinctFromAuthor is on).`,
      },
    );
  }
  const already = ledger.find(
    (entry) =>
      entry.kind === 'approval' && entry.env === env.name && entry.bundle === digest && entry.actor === by,
  );
  if (already) {
    throw new UserError(
      `${by} already approved bundle ${shortDigest(digest)} for ${env.name} (ledger entry ${already.seq}).`,
      {
        code: 'ALREADY_APPROVED',
      },
    );
  }
  await saveBundle(project.root, built);
  const entry = await appendLedger(
    project.root,
    {
      kind: 'approval',
      env: env.name,
      bundle: digest,
      actor: by,
      ...(options.comment ? { comment: options.comment } : {}),
      evidence: {
        commit: built.bundle.commit.sha,
        model: built.bundle.model.sha256,
        audit: built.bundle.audit,
        bench: built.bundle.bench?.verdict ?? null,
      },
    },
    options.now,
  );
  const approvals = [...ledger, entry]
    .filter((e) => e.kind === 'approval' && e.env === env.name && e.bundle === digest)
    .map((e) => e.actor);
  return {
    env: env.name,
    bundle: digest,
    by,
    ledgerEntry: entry.seq,
    approvals,
    required: gates.approvals.required,
  };
}
