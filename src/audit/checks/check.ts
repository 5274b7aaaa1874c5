import type { RepoFacts } from '../inventory/facts.js';
import type { Area, Effort, Evidence, Grade, Severity } from '../types.js';

/** What a check concluded: the strongest grade it found evidence for, and that evidence. */
export interface Outcome {
  grade: Grade;
  evidence: Evidence[];
  message: string;
}

/**
 * One entry of the registry. Ids are stable (`^[A-Z]{2,5}-\d{3}$`): waivers, baselines and SARIF
 * fingerprints refer to them, so an id is never reused for another meaning.
 */
export interface CheckDefinition {
  id: string;
  title: string;
  area: Area;
  severity: Severity;
  /** The grade that counts as done: `documented` for written artefacts, `automated` for practices. */
  target: Exclude<Grade, 'missing' | 'verified'>;
  /** The production risk the check addresses. */
  rationale: string;
  remediation: string;
  effort: Effort;
  /** `poc audit --fix` can scaffold the missing piece from the `poc init` templates. */
  fixable: boolean;
  /** Files a gap is anchored to, most relevant first (the first that exists wins). */
  anchors: Array<string | RegExp>;
  /** A reason when the check does not apply to this repository (it then does not count). */
  notApplicable?: (facts: RepoFacts) => string | undefined;
  evaluate: (facts: RepoFacts) => Outcome;
}

export interface Ladder {
  documented?: Evidence[];
  automated?: Evidence[];
  verified?: Evidence[];
}

const RANK: Record<Grade, number> = { missing: 0, documented: 1, automated: 2, verified: 3 };

export function gradeRank(grade: Grade): number {
  return RANK[grade];
}

const where = (evidence: Evidence[]) =>
  evidence
    .slice(0, 2)
    .map((item) => `${item.file}:${item.line}`)
    .join(', ');

/**
 * The highest rung with evidence wins. Evidence of every rung found is kept (strongest first),
 * so a reader sees both the CI job and the document.
 */
export function ladder(rungs: Ladder, missing: string, what: string): Outcome {
  const order: Array<Exclude<Grade, 'missing'>> = ['verified', 'automated', 'documented'];
  const evidence = order.flatMap((grade) => rungs[grade] ?? []);
  const top = order.find((grade) => (rungs[grade]?.length ?? 0) > 0);
  if (!top) return { grade: 'missing', evidence: [], message: missing };
  const verb = { verified: 'verified', automated: 'automated', documented: 'documented only' }[top];
  return { grade: top, evidence: dedupe(evidence), message: `${what}: ${verb} (${where(rungs[top]!)})` };
}

/** Present or absent, for artefacts whose existence is the practice (a model card, a chart). */
export function present(
  evidence: Evidence[],
  missing: string,
  what: string,
  grade: Grade = 'documented',
): Outcome {
  if (evidence.length === 0) return { grade: 'missing', evidence: [], message: missing };
  return { grade, evidence: dedupe(evidence), message: `${what} (${where(evidence)})` };
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((item) => {
    const key = `${item.file}:${item.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
