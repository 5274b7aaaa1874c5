import { createHash } from 'node:crypto';

/**
 * A finding's identity across runs: its check and the file it is anchored to, not the line
 * (lines move with every edit) and not the message (wording improves). SARIF consumers and
 * `--baseline` match findings by it.
 */
export function fingerprint(checkId: string, file: string): string {
  return createHash('sha256').update(`${checkId}\u0000${file}`).digest('hex').slice(0, 32);
}
