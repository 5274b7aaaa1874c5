import { UserError } from '../../core/errors.js';

/** `--shape batch=4 --shape seq=128`: values for symbolic dimensions. */
export function parseShapeOverrides(entries: readonly string[]): Map<string, number> {
  const overrides = new Map<string, number>();
  for (const entry of entries) {
    const match = /^([^=]+)=(\d+)$/.exec(entry.trim());
    const value = match ? Number(match[2]) : NaN;
    if (!match || !Number.isSafeInteger(value) || value < 1) {
      throw new UserError(`--shape ${entry} is not NAME=SIZE with a positive whole size.`, {
        code: 'FLAG_INVALID',
        hint: 'Name a symbolic dimension of the model, e.g. --shape batch=8.',
      });
    }
    overrides.set((match[1] as string).trim(), value);
  }
  return overrides;
}

export interface ResolvedShape {
  dims: number[];
  /** Symbolic or unknown dimensions that defaulted to 1. */
  defaulted: string[];
}

/** Concrete dimensions for an input: numbers stay, symbols come from overrides or default to 1. */
export function resolveShape(
  input: string,
  shape: ReadonlyArray<number | string>,
  overrides: Map<string, number>,
): ResolvedShape {
  const defaulted: string[] = [];
  const dims = shape.map((dim, axis) => {
    if (typeof dim === 'number' && dim >= 0) return dim;
    const name = typeof dim === 'string' && dim !== '' ? dim : `${input}[${axis}]`;
    const value = overrides.get(name);
    if (value !== undefined) return value;
    defaulted.push(name);
    return 1;
  });
  return { dims, defaulted };
}
