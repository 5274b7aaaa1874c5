import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

import { harnessBinary } from './harness.js';

const run = promisify(execFile);

/** The values a chart's templates see for these files: merged by the harness exactly as it renders. */
export async function mergedValues(chartDir: string, values: string[]): Promise<unknown> {
  const args = ['--chart', chartDir, '--values-only', ...values.flatMap((file) => ['-f', file])];
  const { stdout } = await run(await harnessBinary(), args, { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as unknown;
}

/**
 * Problems of the merged values against the chart's values.schema.json, one line each, as
 * `/json/pointer: message`, the way Helm reports them. ajv with formats, draft-07 (Helm's).
 */
export async function valuesSchemaProblems(chartDir: string, values: unknown): Promise<string[]> {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, strictRequired: false });
  addFormats.default(ajv);
  const validate = ajv.compile(
    JSON.parse(readFileSync(join(chartDir, 'values.schema.json'), 'utf8')) as object,
  );
  if (validate(values)) return [];
  return (validate.errors ?? []).map((error) => {
    const extra =
      error.keyword === 'additionalProperties'
        ? ` '${String((error.params as { additionalProperty: string }).additionalProperty)}'`
        : error.keyword === 'enum'
          ? `: ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`
          : '';
    return `${error.instancePath || '/'}: ${error.message ?? error.keyword}${extra}`;
  });
}
