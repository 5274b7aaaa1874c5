/**
 * The public API of poc data. Commands call these; audit and promote read lineage and
 * "is everything pushed" through this file only (DESIGN.md, layout rules).
 */
import type { Manifest } from '../manifest/index.js';
import { lineageOf } from './lineage.js';
import { remoteStatus } from './remote-status.js';

export { addData, type AddedDataset, type AddOptions } from './add.js';
export { checkoutData, type CheckoutOptions, type CheckoutResult } from './checkout.js';
export { gcData, type GcResult } from './gc.js';
export { datasetLog, lineageOf, type DatasetLog, type DatasetVersion, type Lineage } from './lineage.js';
export { readLock, type DataLock, type LockEntry, type TableSchema } from './lock-file.js';
export { LOCK_FILE } from './paths.js';
export { pushData, type PushOptions, type PushResult } from './push.js';
export { remoteStatus, type RemoteStatus } from './remote-status.js';
export { dataStatus, type DatasetStatus, type StatusResult } from './status.js';
export type { TransferProgress } from './transfer-progress.js';
export { verifyData, type VerifyResult } from './verify.js';

/**
 * The evidence promote's data gate reads: the model's lineage and whether every version in
 * data.lock is on the remote (checked against the remote now). Shaped like promote's DataSummary.
 */
export async function dataEvidence(
  root: string,
  manifest: Manifest,
): Promise<{ lineage: Awaited<ReturnType<typeof lineageOf>> | null; pushed: boolean; unpushed: string[] }> {
  const [lineage, status] = await Promise.all([
    lineageOf(root, manifest.model.path),
    remoteStatus(root, manifest),
  ]);
  return { lineage: lineage ?? null, pushed: status.pushed, unpushed: status.unpushed };
}
export { formatBytes, formatProgress, shortRoot } from './format.js';
