/**
 * npm run build-features -- --in data/raw/training.jsonl --out data/features
 *
 * Turns raw recorded data into the training table with the serving app's own feature code.
 * Writes features.csv and schema.json (feature and class names, for training/train.py).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { tableRows, type TableReport } from '../features/table.js';
import { useCase } from '../features/index.js';
import { writeFileAtomic } from '../store/atomic.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { in: { type: 'string' }, out: { type: 'string' } } });
  if (!values.in || !values.out) {
    process.stderr.write('usage: npm run build-features -- --in <records.jsonl> --out <directory>\n');
    process.exitCode = 2;
    return;
  }
  const report: TableReport = { rows: 0, skipped: {} };
  const lines = (async function* () {
    for await (const row of tableRows(values.in!, report)) yield `${row}\n`;
  })();
  await writeFileAtomic(join(values.out, 'features.csv'), lines);
  const schema = {
    useCase: useCase.id,
    features: useCase.featureNames,
    classes: useCase.classes,
    positiveClass: useCase.positiveClass,
  };
  await writeFileAtomic(join(values.out, 'schema.json'), `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify({ table: join(values.out, 'features.csv'), ...report })}\n`);
  if (report.rows === 0) {
    process.stderr.write(`no usable records in ${values.in}\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`build-features: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
