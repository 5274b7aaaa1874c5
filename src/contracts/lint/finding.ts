import type { Problem } from '../../core/errors.js';

/** A lint finding: an error makes the contract unusable or wrong; a warning weakens it. */
export interface LintFinding extends Problem {
  severity: 'error' | 'warning';
  rule: string;
}

export type Report = (
  path: PropertyKey[],
  rule: string,
  message: string,
  severity?: LintFinding['severity'],
) => void;
