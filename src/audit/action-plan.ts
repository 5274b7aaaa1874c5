import { score } from './scoring.js';
import { SEVERITIES, type Action, type Effort, type Finding } from './types.js';

const EFFORT_ORDER: Record<Effort, number> = { S: 0, M: 1, L: 2 };

/**
 * The open findings, ranked by how much the overall score would rise if each passed (then by
 * the uncapped rise, severity and effort). Gaps in the layer that caps the score come first,
 * because nothing else moves the score until that layer improves.
 */
export function actionPlan(findings: Finding[]): Action[] {
  const current = score(findings);
  const open = findings.filter((finding) => finding.status === 'fail' || finding.status === 'partial');
  const ranked = open.map((finding) => {
    const fixed = findings.map((other) =>
      other === finding ? { ...other, status: 'pass' as const, credit: 1 } : other,
    );
    const after = score(fixed);
    return {
      finding,
      gain: after.score - current.score,
      uncappedGain: after.uncappedScore - current.uncappedScore,
      effort: finding.fixable ? ('S' as const) : finding.effort,
    };
  });
  ranked.sort(
    (a, b) =>
      b.gain - a.gain ||
      b.uncappedGain - a.uncappedGain ||
      SEVERITIES.indexOf(b.finding.severity) - SEVERITIES.indexOf(a.finding.severity) ||
      EFFORT_ORDER[a.effort] - EFFORT_ORDER[b.effort] ||
      (a.finding.id < b.finding.id ? -1 : 1),
  );
  return ranked.map((item, i) => ({
    rank: i + 1,
    id: item.finding.id,
    title: item.finding.title,
    severity: item.finding.severity,
    gain: item.gain,
    uncappedGain: item.uncappedGain,
    effort: item.effort,
    fixable: item.finding.fixable,
    remediation: item.finding.fixable
      ? `${item.finding.remediation} (poc audit --fix scaffolds it)`
      : item.finding.remediation,
  }));
}
