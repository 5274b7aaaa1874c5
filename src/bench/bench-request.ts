import type { BenchEvidence } from './evidence.js';
import { resolveRequest, type BenchRequest } from './request.js';
import { runBench } from './run-bench.js';
import { writeReports, type ReportTargets } from './write-reports.js';

/** `poc bench` end to end: resolve flags against poc.yaml, run, write the requested reports. */
export async function benchRequest(
  request: BenchRequest,
  reports: ReportTargets,
  hooks: { onProgress?: (text: string) => void; onNotice?: (text: string) => void } = {},
): Promise<BenchEvidence> {
  const options = await resolveRequest(request);
  const evidence = await runBench({ ...options, ...hooks });
  await writeReports(evidence, reports);
  return evidence;
}
