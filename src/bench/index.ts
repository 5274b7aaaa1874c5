/**
 * The bench module's public API. Commands and other modules (promote reads bench evidence)
 * use only what is exported here.
 */
export { runBench } from './run-bench.js';
export type { BenchOptions, Scenario } from './options.js';
export {
  readEvidence,
  parseEvidence,
  evidenceSchema,
  EVIDENCE_SCHEMA_VERSION,
  type BenchEvidence,
} from './evidence.js';
export { toOrtSessionOptions, profileHash, type SessionProfile } from './session-options.js';
export { parseShapeOverrides } from './inputs/shapes.js';
export type { VerdictStatus, SlaVerdict } from './verdict.js';
export { benchRequest } from './bench-request.js';
export type { BenchRequest } from './request.js';
export type { ReportTargets } from './write-reports.js';
export { renderTerminal } from './report/terminal.js';
export { renderMarkdown } from './report/markdown.js';
export { renderJunit } from './report/junit.js';
export { renderSvg } from './report/svg.js';
