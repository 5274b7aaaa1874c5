import { fail, pass, skip, type Gate } from './gate.js';

/** Audit score at least the minimum, and no high finding left unwaived. */
export const auditGate: Gate = {
  name: 'audit',
  evaluate({ gates, evidence }) {
    const min = gates.minAuditScore;
    if (min === 0) return skip('audit', 'minAuditScore is 0');
    const audit = evidence.audit;
    if (!audit) {
      return fail('audit', `the audit could not run: ${evidence.unavailable.audit ?? 'no result'}`, {
        minScore: min,
      });
    }
    const found = { score: audit.score, minScore: min, highFindings: audit.highFindings };
    if (audit.score < min) {
      return fail(
        'audit',
        `audit score ${audit.score} is below the minimum ${min}; run "poc audit" for the gaps`,
        found,
      );
    }
    if (audit.highFindings.length > 0) {
      return fail(
        'audit',
        `audit has ${audit.highFindings.length} unwaived high finding${audit.highFindings.length === 1 ? '' : 's'} (${audit.highFindings.join(', ')}); fix or waive them in poc.yaml`,
        found,
      );
    }
    return pass('audit', `audit score ${audit.score} >= ${min}, no unwaived high finding`, found);
  },
};
