import { shortDigest } from '../digest.js';
import { fail, isAuthor, pass, skip, type Gate } from './gate.js';

/** Enough distinct approvers of this bundle for this environment, none of them its author. */
export const approvalsGate: Gate = {
  name: 'approvals',
  evaluate({ gates, ledger, env, digest, bundle }) {
    const { required, distinctFromAuthor } = gates.approvals;
    if (required === 0) return skip('approvals', 'no approval required');
    const approvals = ledger.filter(
      (entry) => entry.kind === 'approval' && entry.env === env.name && entry.bundle === digest,
    );
    const approvers = [...new Set(approvals.map((entry) => entry.actor))];
    const counted = approvers.filter(
      (actor) => !(distinctFromAuthor && isAuthor(actor, bundle.commit.author)),
    );
    const evidence = {
      required,
      approvers: approvals.map((entry) => ({ actor: entry.actor, at: entry.at, seq: entry.seq })),
      counted,
    };
    if (counted.length < required) {
      const ignored = approvers.length - counted.length;
      return fail(
        'approvals',
        `${counted.length} of ${required} approval${required === 1 ? '' : 's'} for bundle ${shortDigest(digest)} in ${env.name}${ignored ? ` (${ignored} by the commit's author not counted)` : ''}; ask a reviewer to run "poc promote approve ${env.name} --bundle ${shortDigest(digest)} --by NAME"`,
        evidence,
      );
    }
    return pass('approvals', `approved by ${counted.join(', ')}`, evidence);
  },
};
