import type { Problem } from '../../core/errors.js';

/** The outcome of one check of one operation or channel. */
export interface CheckResult {
  /** Operation id or channel id. */
  subject: string;
  /** status, schema, rate, gaps, staleness, quality, topics ... */
  check: string;
  passed: boolean;
  /** Skipped checks (e.g. a write operation without --allow-writes) neither pass nor fail. */
  skipped?: boolean;
  /** What was seen, or why it failed. */
  details: string[];
  /** Where the clause is in the contract. */
  location?: Problem;
}

export interface VerifyReport {
  integration: string;
  kind: string;
  environment: string;
  /** Endpoint without credentials or query. */
  endpoint: string;
  contract: string;
  checks: CheckResult[];
  summary: { checks: number; passed: number; failed: number; skipped: number };
}

export function summarize(checks: CheckResult[]): VerifyReport['summary'] {
  const skipped = checks.filter((c) => c.skipped).length;
  const failed = checks.filter((c) => !c.passed && !c.skipped).length;
  return { checks: checks.length, passed: checks.length - skipped - failed, failed, skipped };
}
