/**
 * A seeded pseudo-random generator (mulberry32). Benchmarks record their seeds so that inputs,
 * arrival schedules and block orders can be reproduced exactly.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
export function normal(random: Random): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** An exponential draw with the given rate: the gaps between Poisson arrivals. */
export function exponential(random: Random, rate: number): number {
  return -Math.log(1 - random()) / rate;
}
