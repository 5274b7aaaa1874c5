import { LAYERS, PILLARS, type AuditResult, type Finding, type Status } from '../types.js';

export const OPEN: ReadonlySet<Status> = new Set(['fail', 'partial']);

export const isOpen = (finding: Finding) => OPEN.has(finding.status);

/** Findings by area, layers first then pillars, each area's findings in id order. */
export function byArea(result: AuditResult) {
  return [...result.layers, ...result.pillars].map((area) => ({
    area,
    kind: (LAYERS as readonly string[]).includes(area.id) ? 'layer' : 'pillar',
    findings: result.findings.filter((finding) => finding.area === area.id),
  }));
}

export const AREA_ORDER = [...LAYERS, ...PILLARS];

export const where = (finding: Pick<Finding, 'location'>) =>
  `${finding.location.file}:${finding.location.line}`;

export const scoreText = (score: number | null) => (score === null ? 'n/a' : String(score));
