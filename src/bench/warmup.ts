/**
 * Warm-up until stable: run in windows (>= 10 runs and >= 20 ms each) and stop once the medians
 * of the last three windows are within 10% of each other (perf_analyzer's stability rule), or
 * when the time cap ends (then the caller warns). A fixed count (--warmup N) skips the rule.
 */
export interface WarmupResult {
  runs: number;
  stable: boolean;
  ms: number;
}

const WINDOW_RUNS = 10;
const WINDOW_MS = 20;
const TOLERANCE = 1.1;

export async function warmUp(
  run: () => Promise<unknown>,
  fixedRuns: number | undefined,
  capMs: number,
): Promise<WarmupResult> {
  const start = performance.now();
  if (fixedRuns !== undefined) {
    for (let i = 0; i < fixedRuns; i++) await run();
    return { runs: fixedRuns, stable: true, ms: performance.now() - start };
  }
  const medians: number[] = [];
  let runs = 0;
  for (;;) {
    const window: number[] = [];
    const windowStart = performance.now();
    while (window.length < WINDOW_RUNS || performance.now() - windowStart < WINDOW_MS) {
      const t0 = performance.now();
      await run();
      window.push(performance.now() - t0);
      runs++;
      if (performance.now() - start > capMs) break;
    }
    window.sort((a, b) => a - b);
    medians.push(window[Math.floor(window.length / 2)] ?? 0);
    const last = medians.slice(-3);
    if (last.length === 3 && Math.max(...last) <= Math.min(...last) * TOLERANCE) {
      return { runs, stable: true, ms: performance.now() - start };
    }
    if (performance.now() - start > capMs) return { runs, stable: false, ms: performance.now() - start };
  }
}
