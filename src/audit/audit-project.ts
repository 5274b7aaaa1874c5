import { applyFix, planFix, type FixFile } from './fix/index.js';
import { evaluateGates, readBaseline, type GateVerdict } from './gates.js';
import { runAudit } from './run-audit.js';
import type { AuditResult, Severity } from './types.js';

export interface AuditRequest {
  path: string;
  displayPath?: string;
  minScore?: number;
  failOn?: Severity;
  /** An earlier `poc audit --json` output. */
  baselineFile?: string;
  /** Scaffold missing pieces from the `poc init` templates: `plan` shows them, `apply` writes them. */
  fix?: 'plan' | 'apply';
  now?: Date;
  /** Called with the fix plan before anything is written, so the user sees the plan first. */
  onFixPlan?: (plan: Pick<FixReport, 'files' | 'skipped'>) => void;
}

export interface FixReport {
  applied: boolean;
  scoreBefore: number;
  scoreAfter: number;
  files: FixFile[];
  skipped: Array<{ check: string; reason: string }>;
  answers: Record<string, unknown>;
}

/** The `--json` result: the audit, plus the gate verdict and the fix report when asked for. */
export type AuditReport = AuditResult & { gates?: GateVerdict; fix?: FixReport };

/** Audit, then (optionally) fix and audit again, then apply the gates to the final result. */
export async function auditProject(request: AuditRequest): Promise<AuditReport> {
  const options = {
    displayPath: request.displayPath ?? request.path,
    ...(request.now ? { now: request.now } : {}),
  };
  // The baseline is read first: a bad file is an input error before any work is done.
  const baseline = request.baselineFile === undefined ? undefined : await readBaseline(request.baselineFile);
  let result: AuditReport = await runAudit(request.path, options);
  if (request.fix) {
    const plan = await planFix(request.path, result);
    const before = result.score;
    request.onFixPlan?.({ files: plan.files, skipped: plan.skipped });
    if (request.fix === 'apply' && plan.files.length > 0) {
      await applyFix(request.path, plan);
      result = await runAudit(request.path, options);
    }
    result = {
      ...result,
      fix: {
        applied: request.fix === 'apply',
        scoreBefore: before,
        scoreAfter: result.score,
        files: plan.files,
        skipped: plan.skipped,
        answers: plan.answers,
      },
    };
  }
  const gated = request.minScore !== undefined || request.failOn !== undefined || baseline !== undefined;
  if (gated) {
    result = {
      ...result,
      gates: evaluateGates(result, {
        ...(request.minScore === undefined ? {} : { minScore: request.minScore }),
        ...(request.failOn === undefined ? {} : { failOn: request.failOn }),
        ...(baseline === undefined ? {} : { baseline }),
      }),
    };
  }
  return result;
}
