import { describe, expect, it } from 'vitest';

import { formatProgress } from '../../src/data/format.js';
import { groupIntoPacks } from '../../src/data/packs.js';
import { PACK_MAX_FILES, PACK_TARGET_BYTES } from '../../src/data/remote-layout.js';
import { withRetry } from '../../src/data/retry.js';
import { splitDelimited } from '../../src/data/table-schema.js';

describe('poc data building blocks', () => {
  it('retries transient failures with backoff and gives up on permanent ones at once', async () => {
    let calls = 0;
    const flaky = () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
      return Promise.resolve('done');
    };
    await expect(withRetry(async () => flaky(), { baseDelayMs: 1 })).resolves.toBe('done');
    expect(calls).toBe(3);

    let denied = 0;
    const forbidden = Object.assign(new Error('denied'), {
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      withRetry(async () => (denied++, Promise.reject(forbidden)), { baseDelayMs: 1 }),
    ).rejects.toBe(forbidden);
    expect(denied).toBe(1);

    let throttled = 0;
    const slowDown = Object.assign(new Error('slow'), { $metadata: { httpStatusCode: 503 } });
    await expect(
      withRetry(async () => (throttled++, Promise.reject(slowDown)), { attempts: 4, baseDelayMs: 1 }),
    ).rejects.toBe(slowDown);
    expect(throttled).toBe(4);
  });

  it('splits delimited lines honouring quotes', () => {
    expect(splitDelimited('a,"b,c","d ""e""",', ',')).toEqual(['a', 'b,c', 'd "e"', '']);
    expect(splitDelimited('x\ty', '\t')).toEqual(['x', 'y']);
  });

  it('packs small files by size and count, every file exactly once', () => {
    const files = Array.from({ length: 10_000 }, (_, i) => ({
      path: `f${i}`,
      sha256: i.toString(16).padStart(64, '0'),
      size: 3000,
    }));
    const packs = groupIntoPacks(files);
    expect(packs.flat()).toHaveLength(10_000);
    expect(new Set(packs.flat().map((f) => f.sha256)).size).toBe(10_000);
    for (const pack of packs) {
      expect(pack.length).toBeLessThanOrEqual(PACK_MAX_FILES);
      expect(pack.reduce((s, f) => s + f.size, 0)).toBeLessThanOrEqual(PACK_TARGET_BYTES);
    }
  });

  it('shows files, bytes and rate on the progress line', () => {
    const line = formatProgress(
      { phase: 'push', files: 10, totalFiles: 40, bytes: 4 * 1024 * 1024, totalBytes: 16 * 1024 * 1024 },
      0,
      2000,
    );
    expect(line).toBe('push 10/40 files  4.0 MiB/16.0 MiB  2.0 MiB/s');
  });
});
