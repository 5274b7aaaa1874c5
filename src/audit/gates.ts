import { readFile } from 'node:fs/promises';

import { UserError } from '../core/errors.js';
import { gradeRank } from './checks/check.js';
import { SEVERITIES, type AuditResult, type Finding, type Severity } from './types.js';

export interface GateOptions {
  minScore?: number;
  failOn?: Severity;
  /** An earlier result: only regressions against it fail. */
  baseline?: BaselineResult;
}

/** What a baseline needs of an earlier `--json` result. */
export interface BaselineResult {
  score: number;
  findings: Array<Pick<Finding, 'id' | 'fingerprint' | 'status' | 'grade'>>;
}

export interface GateVerdict {
  passed: boolean;
  failures: string[];
  /** Findings open now that were not open (or were stronger) in the baseline. */
  regressions: string[];
}

const isOpen = (finding: Pick<Finding, 'status'>) =>
  finding.status === 'fail' || finding.status === 'partial';

/** Applies `--min-score`, `--fail-on` and `--baseline`; a failed gate means exit 1. */
export function evaluateGates(result: AuditResult, options: GateOptions): GateVerdict {
  const failures: string[] = [];
  let candidates = result.findings.filter(isOpen);
  const regressions: string[] = [];
  if (options.baseline) {
    const before = new Map(options.baseline.findings.map((finding) => [finding.fingerprint, finding]));
    candidates = candidates.filter((finding) => {
      const old = before.get(finding.fingerprint);
      return !old || !isOpen(old) || gradeRank(finding.grade) < gradeRank(old.grade);
    });
    regressions.push(...candidates.map((finding) => finding.id));
    if (options.failOn === undefined && candidates.length > 0)
      failures.push(
        `${candidates.length} regression(s) against the baseline: ${candidates.map((finding) => finding.id).join(', ')}`,
      );
  }
  if (options.minScore !== undefined && result.score < options.minScore)
    failures.push(`score ${result.score} is below the minimum ${options.minScore}`);
  if (options.failOn !== undefined) {
    const floor = SEVERITIES.indexOf(options.failOn);
    const blocking = candidates.filter((finding) => SEVERITIES.indexOf(finding.severity) >= floor);
    if (blocking.length > 0)
      failures.push(
        `${blocking.length} ${options.baseline ? 'new ' : ''}finding(s) at or above ${options.failOn}: ${blocking.map((finding) => finding.id).join(', ')}`,
      );
  }
  return { passed: failures.length === 0, failures, regressions };
}

/** Reads an earlier `poc audit --json` output (the envelope or the bare result). */
export async function readBaseline(file: string): Promise<BaselineResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(
      `Cannot read the baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      {
        code: 'BASELINE_UNREADABLE',
        hint: 'Create one with "poc audit --json > audit-baseline.json" on the main branch.',
      },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UserError(`The baseline ${file} is not JSON: ${(error as Error).message}.`, {
      code: 'BASELINE_INVALID',
      hint: 'Pass the output of "poc audit --json".',
    });
  }
  const result = (parsed as { result?: unknown }).result ?? parsed;
  const candidate = result as Partial<BaselineResult>;
  const valid =
    typeof candidate.score === 'number' &&
    Array.isArray(candidate.findings) &&
    candidate.findings.every(
      (finding) =>
        finding &&
        typeof finding.id === 'string' &&
        typeof finding.fingerprint === 'string' &&
        typeof finding.status === 'string',
    );
  if (!valid)
    throw new UserError(
      `The baseline ${file} is not a poc audit result (it needs score and findings with id, fingerprint and status).`,
      {
        code: 'BASELINE_INVALID',
        hint: 'Pass the output of "poc audit --json".',
      },
    );
  return {
    score: candidate.score!,
    findings: candidate.findings!.map((finding) => ({ ...finding, grade: finding.grade ?? 'missing' })),
  };
}
