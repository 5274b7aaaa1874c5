import { gradeRank, type CheckDefinition, type Outcome } from './checks/check.js';
import { fingerprint } from './fingerprint.js';
import type { RepoFacts } from './inventory/facts.js';
import { LAYERS, type Finding, type Location, type Status } from './types.js';

/** Where a gap is reported: the first of the check's anchors that exists, else a file that does. */
export function anchorFor(check: CheckDefinition, facts: RepoFacts): Location {
  for (const anchor of check.anchors) {
    const file = typeof anchor === 'string' ? facts.index.file(anchor) : facts.index.select(anchor)[0];
    if (file) return { file: file.path, line: 1 };
  }
  for (const fallback of ['poc.yaml', 'README.md', 'README.rst', 'README']) {
    if (facts.index.file(fallback)) return { file: fallback, line: 1 };
  }
  // SARIF needs a real file; an empty repository has none, so name the one the fix would create.
  return { file: facts.index.files[0]?.path ?? 'README.md', line: 1 };
}

export function statusOf(
  outcome: Outcome,
  check: CheckDefinition,
): Exclude<Status, 'not-applicable' | 'waived'> {
  const rank = gradeRank(outcome.grade);
  if (rank >= gradeRank(check.target)) return 'pass';
  return rank > 0 ? 'partial' : 'fail';
}

const CREDIT = { pass: 1, partial: 0.5, fail: 0 } as const;

/** Runs one check; a bug in a check becomes a located finding rather than a crashed audit. */
export function evaluateCheck(check: CheckDefinition, facts: RepoFacts): Finding {
  const base = {
    id: check.id,
    title: check.title,
    area: check.area,
    kind: (LAYERS as readonly string[]).includes(check.area) ? ('layer' as const) : ('pillar' as const),
    severity: check.severity,
    target: check.target,
    rationale: check.rationale,
    remediation: check.remediation,
    effort: check.effort,
    fixable: check.fixable,
  };
  const reason = check.notApplicable?.(facts);
  if (reason !== undefined) {
    const location = anchorFor(check, facts);
    return {
      ...base,
      status: 'not-applicable',
      grade: 'missing',
      credit: 0,
      message: `Not applicable: ${reason}.`,
      location,
      evidence: [],
      fingerprint: fingerprint(check.id, location.file),
    };
  }
  const outcome = check.evaluate(facts);
  const status = statusOf(outcome, check);
  const first = outcome.evidence[0];
  const location = first ? { file: first.file, line: first.line } : anchorFor(check, facts);
  return {
    ...base,
    status,
    grade: outcome.grade,
    credit: CREDIT[status],
    message: outcome.message,
    location,
    evidence: outcome.evidence,
    fingerprint: fingerprint(check.id, location.file),
  };
}
