import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonlLog } from '../src/store/jsonl-log.js';

async function readAll(path: string): Promise<unknown[]> {
  const records: unknown[] = [];
  for await (const record of JsonlLog.read(path)) records.push(record);
  return records;
}

describe('append-only JSON-lines log', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'poc-jsonl-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps every concurrent append, in order, one per line', async () => {
    const log = new JsonlLog(join(dir, 'sub', 'log.jsonl'), true);
    await Promise.all(Array.from({ length: 200 }, (_, i) => log.append({ i })));
    await log.close();
    const lines = (await readFile(join(dir, 'sub', 'log.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).i)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('reads back past a torn last line (a crash mid-write) and a missing file', async () => {
    const path = join(dir, 'log.jsonl');
    expect(await readAll(path)).toEqual([]);
    await appendFile(path, '{"a":1}\n{"a":2}\n{"a":');
    expect(await readAll(path)).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
