import { describe, expect, it } from 'vitest';

import { canonicalJson, contentDigest } from '../../src/promote/digest.js';
import { insideWindow } from '../../src/promote/gates/freeze.js';
import { diffValues, mergeValues } from '../../src/promote/values.js';
import { waves } from '../../src/promote/environments.js';
import type { Environment } from '../../src/manifest/index.js';

const window = (start: string, end: string, extra: Partial<{ days: string[]; timezone: string }> = {}) =>
  ({
    name: 'w',
    start,
    end,
    days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    timezone: 'UTC',
    ...extra,
  }) as Parameters<typeof insideWindow>[0];

describe('values rendering', () => {
  it('merges like helm: maps deep, lists and scalars replaced, null deletes', () => {
    const merged = mergeValues(
      { image: { repository: 'a', tag: '1' }, ports: [80, 443], debug: true, keep: 1 },
      { image: { tag: '2' }, ports: [8080], debug: null },
    );
    expect(merged).toEqual({ image: { repository: 'a', tag: '2' }, ports: [8080], keep: 1 });
  });

  it('diffs leaf by leaf, sorted by path', () => {
    expect(diffValues({ a: { b: 1, c: 2 }, gone: 'x' }, { a: { b: 1, c: 3 }, added: [1] })).toEqual([
      { path: 'a.c', before: 2, after: 3 },
      { path: 'added', after: [1] },
      { path: 'gone', before: 'x' },
    ]);
    expect(diffValues(undefined, {})).toEqual([]);
  });

  it('shows changes under secret-looking keys redacted', () => {
    expect(diffValues({ db: { password: 'old' } }, { db: { password: 'new' }, apiKey: 'k' })).toEqual([
      { path: 'apiKey', after: '<redacted>' },
      { path: 'db.password', before: '<redacted>', after: '<redacted>' },
    ]);
  });

  it('hashes content, not key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(contentDigest({ x: 1, y: 2 })).toBe(contentDigest({ y: 2, x: 1 }));
    expect(contentDigest({ x: 1 })).not.toBe(contentDigest({ x: 2 }));
  });
});

describe('freeze windows', () => {
  it('covers [start, end) on the listed days', () => {
    const w = window('05:45', '06:15', { days: ['thu'] });
    expect(insideWindow(w, new Date('2026-11-26T05:45:00Z'))).toBe(true); // a Thursday
    expect(insideWindow(w, new Date('2026-11-26T06:15:00Z'))).toBe(false);
    expect(insideWindow(w, new Date('2026-11-27T05:50:00Z'))).toBe(false); // Friday
  });

  it('runs past midnight when it ends before it starts, counting from its start day', () => {
    const w = window('22:00', '02:00', { days: ['fri'] });
    expect(insideWindow(w, new Date('2026-11-27T23:30:00Z'))).toBe(true); // Friday night
    expect(insideWindow(w, new Date('2026-11-28T01:30:00Z'))).toBe(true); // early Saturday
    expect(insideWindow(w, new Date('2026-11-28T23:30:00Z'))).toBe(false); // Saturday night
  });

  it('reads the clock in the window’s time zone', () => {
    const w = window('09:00', '10:00', { timezone: 'Asia/Dubai' }); // UTC+4
    expect(insideWindow(w, new Date('2026-11-26T05:30:00Z'))).toBe(true);
    expect(insideWindow(w, new Date('2026-11-26T09:30:00Z'))).toBe(false);
  });

  it('rejects an unknown time zone with exit 2', () => {
    expect(() => insideWindow(window('09:00', '10:00', { timezone: 'Mars/Olympus' }), new Date())).toThrow(
      /Unknown time zone "Mars\/Olympus"/,
    );
  });
});

describe('waves', () => {
  it('orders clusters by facility of first appearance, then cuts waves of maxParallel', () => {
    const env = {
      name: 'production',
      clusters: [
        { name: 'a1', facility: 'a' },
        { name: 'b1', facility: 'b' },
        { name: 'a2', facility: 'a' },
        { name: 'c1', facility: 'c' },
      ],
    } as Environment;
    expect(waves(env, 2).map((wave) => wave.map((c) => c.name))).toEqual([
      ['a1', 'a2'],
      ['b1', 'c1'],
    ]);
    expect(waves(env, 1)).toHaveLength(4);
  });
});
