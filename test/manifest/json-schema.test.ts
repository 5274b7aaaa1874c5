import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

import { manifestJsonSchema } from '../../src/manifest/index.js';

const committed = JSON.parse(readFileSync(new URL('../../schema/poc.schema.json', import.meta.url), 'utf8'));
const validManifest = parse(
  readFileSync(new URL('../fixtures/manifests/valid.yaml', import.meta.url), 'utf8'),
);

describe('schema/poc.schema.json', () => {
  it('is what the zod schema generates (run "npm run generate" when this fails)', () => {
    expect(committed).toEqual(manifestJsonSchema());
  });

  it('agrees with the loader on a valid manifest and on unknown keys', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(committed);
    expect(validate(validManifest), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ project: { name: 'p', usecase: 'x' } })).toBe(false);
    expect(validate.errors?.[0]?.keyword).toBe('additionalProperties');
  });
});
