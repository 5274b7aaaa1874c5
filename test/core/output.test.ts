import { describe, expect, it } from 'vitest';

import { envName, withEnv } from '../../src/core/flags.js';
import { progressEnabled } from '../../src/core/progress.js';
import { colourEnabled } from '../../src/core/style.js';
import { closest } from '../../src/core/suggest.js';

const tty = { isTTY: true } as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;

function withVars<T>(vars: Record<string, string | undefined>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.entries(vars).forEach(([key, value]) =>
    value === undefined ? delete process.env[key] : (process.env[key] = value),
  );
  try {
    return fn();
  } finally {
    Object.entries(saved).forEach(([key, value]) =>
      value === undefined ? delete process.env[key] : (process.env[key] = value),
    );
  }
}

describe('output rules', () => {
  it('draw progress only on a terminal, outside CI, without --json', () => {
    withVars({ CI: undefined }, () => {
      expect(progressEnabled(false, tty)).toBe(true);
      expect(progressEnabled(true, tty)).toBe(false);
      expect(progressEnabled(false, pipe)).toBe(false);
    });
    withVars({ CI: 'true' }, () => expect(progressEnabled(false, tty)).toBe(false));
  });

  it('use colour only on a terminal and never with NO_COLOR', () => {
    withVars({ NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm' }, () => {
      expect(colourEnabled(tty)).toBe(true);
      expect(colourEnabled(pipe)).toBe(false);
    });
    withVars({ NO_COLOR: '1', FORCE_COLOR: undefined }, () => expect(colourEnabled(tty)).toBe(false));
  });

  it('give every flag a POC_* variable', () => {
    expect(envName('min-score')).toBe('POC_MIN_SCORE');
    expect(withEnv({ 'dry-run': { type: 'boolean' } })).toEqual({
      'dry-run': { type: 'boolean', env: 'POC_DRY_RUN' },
    });
  });

  it('suggest only close matches', () => {
    expect(closest('valdate', ['validate', 'doctor'])).toBe('validate');
    expect(closest('xyz', ['validate', 'doctor'])).toBeUndefined();
  });
});
