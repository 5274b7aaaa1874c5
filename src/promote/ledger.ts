import { open, readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { UserError } from '../core/errors.js';
import { acquireLock } from '../core/lock.js';
import { canonicalJson, sha256 } from './digest.js';
import type { LedgerEntry, LedgerRecord } from './types.js';

export const LEDGER_FILE = join('.poc', 'ledger.jsonl');
const GENESIS = '0'.repeat(64);

/** The hash of an entry: sha256 of its canonical JSON without the hash field itself. */
function entryHash(entry: Omit<LedgerEntry, 'hash'>): string {
  return sha256(canonicalJson(entry));
}

export interface LedgerProblem {
  line: number;
  seq?: number;
  message: string;
}

export interface LedgerReading {
  file: string;
  entries: LedgerEntry[];
  problems: LedgerProblem[];
}

/**
 * Reads the ledger and checks every link of the chain: each line parses, numbers follow on,
 * `prev` is the hash of the line before and `hash` matches the content. An edited, removed or
 * reordered entry breaks the chain where it happened.
 */
export async function readLedger(root: string): Promise<LedgerReading> {
  const file = join(root, LEDGER_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const entries: LedgerEntry[] = [];
  const problems: LedgerProblem[] = [];
  let previous = GENESIS;
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    let entry: LedgerEntry;
    try {
      entry = JSON.parse(line) as LedgerEntry;
    } catch {
      problems.push({ line: lineNo, message: 'is not valid JSON (truncated or edited)' });
      previous = sha256(line); // keep checking the rest against what is on disk
      return;
    }
    const { hash, ...body } = entry;
    if (entry.seq !== index + 1)
      problems.push({
        line: lineNo,
        seq: entry.seq,
        message: `has seq ${entry.seq}, expected ${index + 1} (an entry was removed or reordered)`,
      });
    if (entry.prev !== previous)
      problems.push({
        line: lineNo,
        seq: entry.seq,
        message: 'does not chain to the entry before it (prev hash differs)',
      });
    if (entryHash(body) !== hash)
      problems.push({
        line: lineNo,
        seq: entry.seq,
        message: 'was altered after it was written (its hash does not match its content)',
      });
    entries.push(entry);
    previous = typeof hash === 'string' ? hash : sha256(line);
  });
  return { file, entries, problems };
}

/** The ledger's entries, refusing to work on a broken chain and naming the first broken entry. */
export async function readVerifiedLedger(root: string): Promise<LedgerEntry[]> {
  const reading = await readLedger(root);
  const first = reading.problems[0];
  if (first) {
    throw new UserError(
      `The promotion ledger ${LEDGER_FILE} is corrupted: line ${first.line}${first.seq === undefined ? '' : ` (entry ${first.seq})`} ${first.message}.`,
      {
        code: 'LEDGER_CORRUPTED',
        hint: 'Nothing was changed. Restore .poc/ledger.jsonl from version control or backup; "poc promote log --verify" lists every broken entry.',
        problems: reading.problems.map((p) => ({ file: LEDGER_FILE, line: p.line, message: p.message })),
      },
    );
  }
  return reading.entries;
}

/**
 * Appends one entry chained to the last. The line is written with a single append so a crash
 * leaves either the whole entry or none of it; a torn last line is caught by verification.
 */
export async function appendLedger(
  root: string,
  record: LedgerRecord,
  now = new Date(),
): Promise<LedgerEntry> {
  const unlock = await acquireLock(join(root, '.poc', 'ledger.lock'), 'ledger write', 15_000);
  try {
    return await appendUnlocked(root, record, now);
  } finally {
    await unlock();
  }
}

async function appendUnlocked(root: string, record: LedgerRecord, now: Date): Promise<LedgerEntry> {
  const entries = await readVerifiedLedger(root);
  const last = entries.at(-1);
  const body = {
    ...record,
    seq: entries.length + 1,
    at: now.toISOString(),
    prev: last?.hash ?? GENESIS,
  } as Omit<LedgerEntry, 'hash'>;
  const entry = { ...body, hash: entryHash(body) } as LedgerEntry;
  const file = join(root, LEDGER_FILE);
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(file, 'a');
  try {
    await handle.write(`${canonicalJson(entry)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return entry;
}
