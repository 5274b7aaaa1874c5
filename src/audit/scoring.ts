import { CHECKS } from './checks/registry.js';
import {
  LAYERS,
  PILLARS,
  type Area,
  type AreaScore,
  type Finding,
  type Layer,
  type Severity,
} from './types.js';

/** OpenSSF Scorecard's risk weights: a critical gap weighs four times a low one. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 10, high: 7.5, medium: 5, low: 2.5 };

export const AREA_TITLES: Record<Area, string> = {
  ingestion: 'Ingestion',
  features: 'Features',
  serving: 'Serving',
  monitoring: 'Monitoring',
  feedback: 'Feedback and retraining',
  governance: 'AI governance',
  data: 'Data readiness',
  change: 'Change management',
  architecture: 'Technology architecture',
};

const counts = (finding: Finding) =>
  finding.status === 'pass' || finding.status === 'partial' || finding.status === 'fail';

/** Weighted share of earned credit, 0..100; null when nothing counts (all n/a or waived). */
export function weightedScore(findings: Finding[]): number | null {
  const counted = findings.filter(counts);
  const total = counted.reduce((sum, finding) => sum + SEVERITY_WEIGHT[finding.severity], 0);
  if (total === 0) return null;
  const earned = counted.reduce(
    (sum, finding) => sum + SEVERITY_WEIGHT[finding.severity] * finding.credit,
    0,
  );
  return Math.round((100 * earned) / total);
}

export function areaScore(area: Area, findings: Finding[]): AreaScore {
  const own = findings.filter((finding) => finding.area === area);
  return {
    id: area,
    title: AREA_TITLES[area],
    score: weightedScore(own),
    checks: CHECKS.filter((check) => check.area === area).length,
    passed: own.filter((finding) => finding.status === 'pass').length,
    failed: own.filter((finding) => finding.status === 'fail' || finding.status === 'partial').length,
    notApplicable: own.filter((finding) => finding.status === 'not-applicable').length,
    waived: own.filter((finding) => finding.status === 'waived').length,
  };
}

export interface Scores {
  score: number;
  uncappedScore: number;
  cappedBy: Layer | null;
  layers: AreaScore[];
  pillars: AreaScore[];
}

/**
 * Google's ML Test Score rule: a system is only as ready as its weakest layer. The overall
 * score is the weighted mean of every applicable check, capped by the lowest layer score.
 */
export function score(findings: Finding[]): Scores {
  const layers = LAYERS.map((layer) => areaScore(layer, findings));
  const pillars = PILLARS.map((pillar) => areaScore(pillar, findings));
  const uncappedScore = weightedScore(findings) ?? 100;
  let weakest: AreaScore | undefined;
  for (const layer of layers)
    if (layer.score !== null && (!weakest || layer.score < weakest.score!)) weakest = layer;
  const capped = weakest && weakest.score! < uncappedScore;
  return {
    score: capped ? weakest!.score! : uncappedScore,
    uncappedScore,
    cappedBy: capped ? (weakest!.id as Layer) : null,
    layers,
    pillars,
  };
}
