export { approve, type ApprovalResult, type ApproveOptions } from './approve.js';
export { shortDigest } from './digest.js';
export { promotionLog, type LedgerLog } from './log.js';
export type { Plan, ClusterPlan } from './plan.js';
export { promote, type PromoteOptions, type PromotionResult } from './promote.js';
export { rollback, type RollbackOptions, type RollbackResult } from './rollback.js';
export { promotionStatus, type FacilityStatus } from './status.js';
export type { Bundle, ClusterRecord, GateOutcome, LedgerEntry } from './types.js';
