import { describe, expect, it } from 'vitest';

import { auditGate } from '../../src/promote/gates/audit.js';
import type { GateContext } from '../../src/promote/gates/gate.js';

// The audit gate's decision on given audit summaries. The command tests run the real audit; a
// project that scores high enough to reach these branches needs a full generated project, so the
// decision itself is checked here on the summary the real audit produces.
const context = (score: number, highFindings: string[], minAuditScore = 80) =>
  ({
    gates: { minAuditScore },
    evidence: { audit: { score, highFindings }, unavailable: {} },
  }) as unknown as GateContext;

describe('audit gate', () => {
  it('passes a score at the minimum with no open high finding', () => {
    expect(auditGate.evaluate(context(80, []))).toMatchObject({
      status: 'pass',
      message: 'audit score 80 >= 80, no unwaived high finding',
    });
  });

  it('fails on an unwaived high finding even above the minimum', () => {
    expect(auditGate.evaluate(context(95, ['SRV-003', 'MON-001']))).toMatchObject({
      status: 'fail',
      message: 'audit has 2 unwaived high findings (SRV-003, MON-001); fix or waive them in poc.yaml',
      evidence: { score: 95, minScore: 80, highFindings: ['SRV-003', 'MON-001'] },
    });
  });

  it('is skipped at a minimum of 0', () => {
    expect(auditGate.evaluate(context(0, ['X'], 0))).toMatchObject({ status: 'skip' });
  });
});
