import type { CheckDefinition } from './check.js';
import { changeChecks } from './change.js';
import { dataChecks } from './data.js';
import { deploymentChecks } from './deployment.js';
import { featureChecks } from './features.js';
import { feedbackChecks } from './feedback.js';
import { governanceChecks } from './governance.js';
import { ingestionChecks } from './ingestion.js';
import { mlopsChecks } from './mlops.js';
import { monitoringChecks } from './monitoring.js';
import { servingChecks } from './serving.js';

/** Every check, in id order. Ids are stable: never renumber, never reuse. */
export const CHECKS: readonly CheckDefinition[] = [
  ...changeChecks,
  ...dataChecks,
  ...deploymentChecks,
  ...featureChecks,
  ...feedbackChecks,
  ...governanceChecks,
  ...ingestionChecks,
  ...mlopsChecks,
  ...monitoringChecks,
  ...servingChecks,
].sort((a, b) => (a.id < b.id ? -1 : 1));

export const CHECK_IDS = new Set(CHECKS.map((check) => check.id));

export function checkById(id: string): CheckDefinition | undefined {
  return CHECKS.find((check) => check.id === id);
}
