/**
 * npm run export-reviews -- --out labelling/batch-001.jsonl [--data var] [--limit 500]
 *
 * Exports the review queue as a labelling batch: one line per reviewed prediction that has no
 * ground truth yet, `{"predictionId", "input", "predicted", "confidence", "reasons", "label": null}`.
 * Labellers fill in `label`; `npm run build-features -- --in <batch>` then turns the batch into
 * training rows with the serving features (unlabelled lines are skipped and counted).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exportReviews } from '../store/review-export.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, data: { type: 'string' }, limit: { type: 'string' } },
  });
  if (!values.out) {
    process.stderr.write(
      'usage: npm run export-reviews -- --out <batch.jsonl> [--data <data dir>] [--limit N]\n',
    );
    process.exitCode = 2;
    return;
  }
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  if (!(limit > 0)) {
    process.stderr.write(`--limit must be a positive number, got ${values.limit}\n`);
    process.exitCode = 2;
    return;
  }
  const dataDir = resolve(values.data ?? process.env.POC_DATA_DIR ?? 'var');
  const count = await exportReviews(dataDir, resolve(values.out), limit);
  process.stdout.write(`${JSON.stringify({ batch: resolve(values.out), items: count })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`export-reviews: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
