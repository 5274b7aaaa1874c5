import type { AuditResult } from './types.js';

/** What a promotion gate needs: the score and the unwaived high or critical findings. */
export function gateSummary(result: AuditResult): { score: number; highFindings: string[] } {
  return {
    score: result.score,
    highFindings: result.findings
      .filter(
        (finding) =>
          (finding.severity === 'high' || finding.severity === 'critical') &&
          (finding.status === 'fail' || finding.status === 'partial'),
      )
      .map((finding) => finding.id),
  };
}
