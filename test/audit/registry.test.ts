import { describe, expect, it } from 'vitest';

import { CHECKS, LAYERS, PILLARS } from '../../src/audit/index.js';

describe('check registry', () => {
  it('has at least 40 checks with unique, stable-format ids', () => {
    expect(CHECKS.length).toBeGreaterThanOrEqual(40);
    const ids = CHECKS.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z]{2,5}-\d{3}$/);
    expect(ids).toEqual([...ids].sort());
  });

  it('covers every layer and pillar', () => {
    for (const area of [...LAYERS, ...PILLARS]) {
      expect(CHECKS.filter((check) => check.area === area).length, area).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives every check a rationale, a remediation and somewhere to anchor a gap', () => {
    for (const check of CHECKS) {
      expect(check.title.length, check.id).toBeGreaterThan(5);
      expect(check.rationale.length, check.id).toBeGreaterThan(30);
      expect(check.remediation.length, check.id).toBeGreaterThan(20);
      expect(check.anchors.length, check.id).toBeGreaterThan(0);
    }
  });

  it('covers the practices the issue lists', () => {
    const titles = CHECKS.map((check) => check.title.toLowerCase()).join('\n');
    for (const topic of [
      'lock file',
      'remote',
      'out of git',
      'schema',
      'representative',
      'training and serving',
      'versioned feature',
      'container',
      'non-root',
      'readiness',
      'input validation',
      'model version',
      'confidence threshold',
      'sla',
      'probes',
      'resource',
      'securitycontext',
      'poddisruptionbudget',
      'horizontalpodautoscaler',
      'networkpolicy',
      'pinned images',
      'rollback',
      'latency metrics',
      'drift',
      'alert',
      'dashboard',
      'feedback',
      'retraining',
      'review queue',
      'tests',
      'audit',
      'benchmarked',
      'data and model versioned',
      'tracking',
      'contract',
      'mocks',
      'model card',
      'data governance',
      'escalation',
      'approvals',
      'safety',
      'runbook',
      'operator training',
      'rollout',
    ])
      expect(titles, topic).toContain(topic);
  });
});
