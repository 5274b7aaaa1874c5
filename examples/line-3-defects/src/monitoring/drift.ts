import { binOf, type TrainingProfile } from '../model/profile.js';

/**
 * Population stability index of each feature: the last `window` served inputs against the
 * training profile's decile bins. Counts are kept incrementally (a ring of bin indices), so
 * observing costs O(features) and PSI is computed only when /metrics is scraped.
 * Rule of thumb: < 0.1 stable, 0.1-0.25 moderate shift, > 0.25 significant shift.
 */
export class DriftMonitor {
  private readonly ring: Int16Array;
  private readonly counts: number[][];
  private next = 0;
  private filled = 0;

  constructor(
    private readonly profile: TrainingProfile,
    private readonly window: number,
  ) {
    this.ring = new Int16Array(window * profile.features.length);
    this.counts = profile.features.map((feature) => new Array<number>(feature.binProportions.length).fill(0));
  }

  observe(values: readonly number[]): void {
    const width = this.profile.features.length;
    const base = this.next * width;
    this.profile.features.forEach((feature, i) => {
      const counts = this.counts[i]!;
      if (this.filled === this.window) counts[this.ring[base + i]!]!--;
      const bin = binOf(feature.binEdges, values[i] ?? 0);
      this.ring[base + i] = bin;
      counts[bin]!++;
    });
    this.next = (this.next + 1) % this.window;
    this.filled = Math.min(this.filled + 1, this.window);
  }

  /** Samples currently in the window. */
  get size(): number {
    return this.filled;
  }

  /** PSI per feature name; empty until the window holds enough samples to mean anything. */
  psi(minimumSamples = 50): Map<string, number> {
    const result = new Map<string, number>();
    if (this.filled < minimumSamples) return result;
    this.profile.features.forEach((feature, i) => {
      let total = 0;
      feature.binProportions.forEach((expected, bin) => {
        // A small floor keeps empty bins from dividing by zero (the usual PSI convention).
        const e = Math.max(expected, 1e-4);
        const a = Math.max((this.counts[i]![bin] ?? 0) / this.filled, 1e-4);
        total += (a - e) * Math.log(a / e);
      });
      result.set(feature.name, total);
    });
    return result;
  }
}
