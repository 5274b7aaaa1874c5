import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { featuresOf, useCase } from './index.js';
import { validateInput } from './validate.js';

export interface TableReport {
  rows: number;
  /** Records skipped, by reason: the same validation as POST /v1/predict. */
  skipped: Record<string, number>;
}

/**
 * Raw recorded data to training table. Each input line is `{"input": <predict body>,
 * "label": "<class>"}` (what training/simulate.py and a labelled review batch hold); each output
 * row is the feature vector that serving computes for that input, then its label.
 */
export async function* tableRows(path: string, report: TableReport): AsyncGenerator<string> {
  yield [...useCase.featureNames, 'label'].join(',');
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const row = rowOf(line);
    if ('skip' in row) {
      report.skipped[row.skip] = (report.skipped[row.skip] ?? 0) + 1;
      continue;
    }
    report.rows++;
    yield row.csv;
  }
}

function rowOf(line: string): { csv: string } | { skip: string } {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return { skip: 'malformed-json' };
  }
  if (typeof record !== 'object' || record === null) return { skip: 'malformed-json' };
  const { input, label } = record as { input?: unknown; label?: unknown };
  if (label === null || label === undefined) return { skip: 'unlabelled' };
  if (typeof label !== 'string' || !useCase.classes.includes(label)) return { skip: 'unknown-label' };
  const validation = validateInput(input);
  if (!validation.ok) return { skip: 'invalid-input' };
  const features = featuresOf(validation.input);
  if (!features.ok) return { skip: 'non-finite-feature' };
  // String(number) is the shortest round-trip form: parsing the CSV gives the same doubles.
  return { csv: [...features.values.map(String), label].join(',') };
}
