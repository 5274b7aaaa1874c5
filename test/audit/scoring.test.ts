import { describe, expect, it } from 'vitest';

import { score, weightedScore } from '../../src/audit/scoring.js';
import { actionPlan } from '../../src/audit/action-plan.js';
import { maturity } from '../../src/audit/maturity.js';
import type { Area, Finding, Severity, Status } from '../../src/audit/index.js';

const CREDIT: Record<Status, number> = { pass: 1, partial: 0.5, fail: 0, 'not-applicable': 0, waived: 0 };

function f(id: string, area: Area, status: Status, severity: Severity = 'high'): Finding {
  return {
    id,
    title: id,
    area,
    kind: ['ingestion', 'features', 'serving', 'monitoring', 'feedback'].includes(area) ? 'layer' : 'pillar',
    severity,
    status,
    grade: status === 'pass' ? 'automated' : status === 'partial' ? 'documented' : 'missing',
    target: 'automated',
    credit: CREDIT[status],
    message: '',
    location: { file: 'README.md', line: 1 },
    evidence: [],
    rationale: '',
    remediation: 'do it',
    effort: 'M',
    fixable: false,
    fingerprint: id,
  };
}

describe('scoring', () => {
  it('weights by severity: a failed critical costs four times a failed low', () => {
    expect(weightedScore([f('A-001', 'data', 'pass', 'low'), f('A-002', 'data', 'fail', 'critical')])).toBe(
      20,
    );
    expect(weightedScore([f('A-001', 'data', 'pass', 'critical'), f('A-002', 'data', 'fail', 'low')])).toBe(
      80,
    );
  });

  it('gives half credit to a practice that is only documented', () => {
    expect(weightedScore([f('A-001', 'data', 'partial')])).toBe(50);
  });

  it('does not let not-applicable or waived checks lower a score', () => {
    const base = [f('A-001', 'serving', 'pass'), f('A-002', 'serving', 'partial')];
    const withNa = [
      ...base,
      f('A-003', 'serving', 'not-applicable'),
      f('A-004', 'serving', 'waived', 'critical'),
    ];
    expect(weightedScore(withNa)).toBe(weightedScore(base));
    expect(score(withNa).layers.find((layer) => layer.id === 'serving')).toMatchObject({
      score: 75,
      notApplicable: 1,
      waived: 1,
    });
  });

  it('an area where nothing applies has no score and cannot cap', () => {
    const result = score([f('A-001', 'serving', 'pass'), f('A-002', 'monitoring', 'not-applicable')]);
    expect(result.layers.find((layer) => layer.id === 'monitoring')!.score).toBeNull();
    expect(result).toMatchObject({ score: 100, cappedBy: null });
  });

  it('caps the overall score by the weakest layer', () => {
    const findings = [
      ...['A-001', 'A-002', 'A-003', 'A-004'].map((id) => f(id, 'governance', 'pass')),
      f('B-001', 'serving', 'pass'),
      f('C-001', 'monitoring', 'fail'),
      f('C-002', 'monitoring', 'pass'),
    ];
    expect(score(findings)).toMatchObject({ uncappedScore: 86, score: 50, cappedBy: 'monitoring' });
  });

  it('ranks first the action that lifts the cap, and reports both gains', () => {
    const findings = [
      f('A-001', 'governance', 'fail', 'critical'),
      f('A-002', 'governance', 'pass'),
      f('B-001', 'serving', 'pass'),
      f('C-001', 'monitoring', 'fail', 'medium'),
      f('C-002', 'monitoring', 'pass'),
    ];
    const [first, second] = actionPlan(findings);
    expect(first).toMatchObject({ rank: 1, id: 'C-001' });
    expect(first!.gain).toBeGreaterThan(0);
    expect(second).toMatchObject({ rank: 2, id: 'A-001' });
    expect(second!.uncappedGain).toBeGreaterThan(second!.gain);
  });

  it('reaches an MLOps level only when every practice of it is met', () => {
    const level1 = ['OPS-001', 'OPS-002', 'DAT-001', 'OPS-005', 'FBK-002', 'FBK-004', 'ING-001'];
    const all = level1.map((id) => f(id, 'change', 'pass'));
    expect(maturity(all).level).toBe(1);
    expect(maturity([...all.slice(1), f('OPS-001', 'change', 'partial')])).toMatchObject({
      level: 0,
      nextLevelNeeds: ['OPS-001'],
    });
    // Waived and not-applicable count as met.
    expect(maturity([...all.slice(1), f('OPS-001', 'change', 'waived')]).level).toBe(1);
  });
});
