/**
 * A seeded pseudo-random source (mulberry32). Mocks and simulations draw every random choice
 * from one of these, so a seed reproduces a run exactly.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** Standard normal (mean 0, sd 1). */
  normal(): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
  pick<T>(items: readonly T[] | string): T;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | undefined;
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal() {
      if (spare !== undefined) {
        const value = spare;
        spare = undefined;
        return value;
      }
      // Box-Muller: two uniforms give two independent normals; keep the second for next time.
      const u = Math.max(next(), Number.EPSILON);
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[] | string): T {
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}

/** A stable 32-bit seed from a string, so each channel gets its own stream from one run seed. */
export function hashSeed(...parts: (string | number)[]): number {
  let hash = 2166136261;
  for (const char of parts.join('\u0000')) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}
