/**
 * Inference runners that can work concurrently: `submit` resolves with the service time (ns)
 * measured where the inference ran. Worker threads implement it for onnxruntime; the
 * coordinated-omission demo implements a deliberately stalling runner.
 */
export interface RunnerPool {
  readonly size: number;
  /** Runs one inference on an idle runner; the caller never submits more than `size` at once. */
  submit(index: number): Promise<number>;
  close(): Promise<void>;
}

/** A pool of one runner around an in-thread function (used by tests and the harness). */
export function inThreadPool(run: () => Promise<unknown>): RunnerPool {
  return {
    size: 1,
    async submit() {
      const start = process.hrtime.bigint();
      await run();
      return Number(process.hrtime.bigint() - start);
    },
    async close() {},
  };
}
