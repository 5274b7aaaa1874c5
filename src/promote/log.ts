import { loadProject } from '../manifest/index.js';
import { readLedger, readVerifiedLedger, LEDGER_FILE, type LedgerProblem } from './ledger.js';
import type { LedgerEntry } from './types.js';

export interface LedgerLog {
  file: string;
  entries: LedgerEntry[];
  verified: boolean;
  problems: LedgerProblem[];
}

/** `poc promote log [--verify]`: the ledger, optionally with every link of its chain checked. */
export async function promotionLog(options: {
  dir?: string;
  env?: string;
  verify: boolean;
}): Promise<LedgerLog> {
  const { root } = await loadProject(options.dir);
  const filter = (entries: LedgerEntry[]) =>
    options.env ? entries.filter((e) => e.env === options.env) : entries;
  if (options.verify) {
    const reading = await readLedger(root);
    return {
      file: LEDGER_FILE,
      entries: filter(reading.entries),
      verified: reading.problems.length === 0,
      problems: reading.problems,
    };
  }
  return { file: LEDGER_FILE, entries: filter(await readVerifiedLedger(root)), verified: true, problems: [] };
}
