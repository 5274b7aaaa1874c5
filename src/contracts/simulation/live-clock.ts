/**
 * Maps wall-clock time to simulation time. `speed` > 1 runs a scenario faster than real time
 * (a two-hour bearing-wear scenario in a minute); message timestamps stay in simulation time.
 */
export interface LiveClock {
  /** Seconds of simulation time elapsed now. */
  elapsed(): number;
  /** Simulation start, in epoch ms (what message timestamps count from). */
  startMs: number;
}

export function createLiveClock(speed: number, startMs = Date.now()): LiveClock {
  const realStart = performance.now();
  return { startMs, elapsed: () => ((performance.now() - realStart) / 1000) * speed };
}
