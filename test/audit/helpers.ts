import { runAudit, type AuditResult, type Finding } from '../../src/audit/index.js';

/** A fixed day, so waiver expiry and the `date` field do not depend on the clock. */
export const AUDIT_DAY = new Date('2026-06-15T12:00:00Z');

export function audit(path: string): Promise<AuditResult> {
  return runAudit(path, { now: AUDIT_DAY, displayPath: 'repo' });
}

export function finding(result: AuditResult, id: string): Finding {
  const found = result.findings.find((item) => item.id === id);
  if (!found) throw new Error(`no finding ${id}`);
  return found;
}
