/**
 * `poc audit` as a library. `poc promote` runs the audit in-process through this file:
 *
 *   const result = await runAudit(root);          // the same object `poc audit --json` prints
 *   result.score;                                  // 0..100, capped by the weakest layer
 *   result.findings.filter((f) => f.severity === 'high' && (f.status === 'fail' || f.status === 'partial'));
 */
export { runAudit, type AuditOptions } from './run-audit.js';
export { auditProject, type AuditReport, type AuditRequest, type FixReport } from './audit-project.js';
export { CHECKS, checkById } from './checks/registry.js';
export type { CheckDefinition } from './checks/check.js';
export {
  evaluateGates,
  readBaseline,
  type BaselineResult,
  type GateOptions,
  type GateVerdict,
} from './gates.js';
export { renderTerminal } from './report/terminal.js';
export { renderSarif } from './report/sarif.js';
export { renderMarkdown } from './report/markdown.js';
export { renderHtml } from './report/html.js';
export { planFix, applyFix, type FixFile, type FixPlan, type FixResult } from './fix/index.js';
export * from './types.js';
export { gateSummary } from './gate-summary.js';
