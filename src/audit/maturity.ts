import type { Finding, Maturity } from './types.js';

/**
 * Google's MLOps levels, each met only when all its practices are (waived and not-applicable
 * count as met). Level 1: the ML pipeline is automated; level 2: so is its CI/CD.
 */
export const LEVEL_1 = ['OPS-001', 'OPS-002', 'DAT-001', 'OPS-005', 'FBK-002', 'FBK-004', 'ING-001'];
export const LEVEL_2 = [
  'SRV-002',
  'DEP-001',
  'DEP-010',
  'OPS-003',
  'OPS-004',
  'DAT-006',
  'MON-001',
  'MON-002',
  'MON-004',
];

const LABELS = [
  'Level 0: manual process',
  'Level 1: ML pipeline automation',
  'Level 2: CI/CD pipeline automation',
];

export function maturity(findings: Finding[]): Maturity {
  const unmet = (ids: string[]) =>
    ids.filter((id) => {
      const finding = findings.find((item) => item.id === id);
      return !finding || finding.status === 'fail' || finding.status === 'partial';
    });
  const missing1 = unmet(LEVEL_1);
  if (missing1.length > 0) return { level: 0, label: LABELS[0]!, nextLevelNeeds: missing1 };
  const missing2 = unmet(LEVEL_2);
  if (missing2.length > 0) return { level: 1, label: LABELS[1]!, nextLevelNeeds: missing2 };
  return { level: 2, label: LABELS[2]!, nextLevelNeeds: [] };
}
