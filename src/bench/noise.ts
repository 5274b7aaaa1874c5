/**
 * Runner-noise calibration. A fixed CPU-bound reference workload is timed before and after the
 * run; on a quiet machine its times barely move and its wall time equals its CPU time. When the
 * spread (coefficient of variation), the drift between before and after, or the contention
 * (wall time beyond CPU time: the thread was runnable but not running, because other processes
 * or threads held the cores) exceeds the limit, the machine — not the model — may explain the
 * latency, and the verdict says so.
 */
export interface NoiseReport {
  /** Reference workload medians before and after the run, ms. */
  beforeMs: number;
  afterMs: number;
  /** Robust coefficient of variation of all reference timings (1.4826·MAD / median), in percent. */
  cvPercent: number;
  /** |after/before - 1|, in percent. */
  driftPercent: number;
  /** Wall time over CPU time of the reference workload, minus one, in percent. */
  contentionPercent: number;
  limitPercent: number;
  noisy: boolean;
}

const REPEATS = 15;

/** About a millisecond of integer and floating-point work that no JIT can skip. */
function referenceKernel(): number {
  let state = 0x9e3779b9;
  let sum = 0;
  for (let i = 0; i < 200_000; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    sum += Math.sqrt((state >>> 0) + i);
  }
  return sum;
}

let sink = 0;

export interface ReferenceTimes {
  /** Wall time of each repeat, ms. */
  wallMs: number[];
  /** Total CPU time of the process over all repeats, ms. */
  cpuMs: number;
}

/** Times the reference workload REPEATS times. */
export function timeReference(): ReferenceTimes {
  referenceKernel(); // compile before timing
  const wallMs: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < REPEATS; i++) {
    const start = process.hrtime.bigint();
    sink += referenceKernel();
    wallMs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const cpu = process.cpuUsage(cpuStart);
  if (sink === 42) wallMs.push(0); // keeps the result observable
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export function assessNoise(
  beforeTimes: ReferenceTimes,
  afterTimes: ReferenceTimes,
  limitPercent: number,
): NoiseReport {
  const before = beforeTimes.wallMs;
  const after = afterTimes.wallMs;
  // Median and MAD rather than mean and standard deviation: one preempted repeat should not
  // condemn a run, a machine that is slow half the time should.
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const all = [...before, ...after];
  const centre = median(all);
  const mad = median(all.map((value) => Math.abs(value - centre)));
  const beforeMs = median(before);
  const afterMs = median(after);
  const cvPercent = ((1.4826 * mad) / centre) * 100;
  const driftPercent = Math.abs(afterMs / beforeMs - 1) * 100;
  const wall = all.reduce((a, b) => a + b, 0);
  const cpu = beforeTimes.cpuMs + afterTimes.cpuMs;
  const contentionPercent = cpu > 0 ? Math.max(0, (wall / cpu - 1) * 100) : 0;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    beforeMs: round(beforeMs),
    afterMs: round(afterMs),
    cvPercent: round(cvPercent),
    driftPercent: round(driftPercent),
    contentionPercent: round(contentionPercent),
    limitPercent,
    noisy: cvPercent > limitPercent || driftPercent > limitPercent || contentionPercent > limitPercent,
  };
}
