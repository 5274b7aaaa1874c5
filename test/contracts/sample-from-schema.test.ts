import { describe, expect, it } from 'vitest';

import { createSchemaValidator } from '../../src/contracts/document/schema-validator.js';
import { sampleFromPattern } from '../../src/contracts/document/pattern-sample.js';
import { sampleFromSchema } from '../../src/contracts/document/sample-from-schema.js';
import { createRandom } from '../../src/contracts/random.js';

describe('realistic data from a schema', () => {
  it('makes ids that match their patterns', () => {
    const random = createRandom(7);
    for (const pattern of ['^WO-[0-9]{6}$', '^line-[1-9]$', '^(A|B)\\d{2,4}-[a-z]+$', '^[A-Z]{3}_\\w{4}$']) {
      const value = sampleFromPattern(pattern, random);
      expect(value, pattern).toMatch(new RegExp(pattern));
    }
    expect(sampleFromPattern('^(?=x)y$', random)).toBeUndefined();
  });

  it('keeps numbers plausible and inside their bounds, and validates against its schema', async () => {
    const schema = {
      type: 'object',
      required: ['id', 'qtyPlanned', 'oee', 'dueAt'],
      properties: {
        id: { type: 'string', pattern: '^WO-[0-9]{6}$' },
        qtyPlanned: { type: 'integer', minimum: 1, maximum: 10000 },
        oee: { type: 'number', minimum: 0, exclusiveMaximum: 1 },
        dueAt: { type: 'string', format: 'date-time' },
        status: { type: 'string', enum: ['planned', 'running'] },
        tags: { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1 },
      },
    };
    const validate = (await createSchemaValidator()).compile(schema);
    for (let seed = 0; seed < 50; seed++) {
      const value = sampleFromSchema(schema, { random: createRandom(seed) }) as Record<string, number>;
      expect(validate(value)).toEqual([]);
      expect(value.qtyPlanned).toBeGreaterThan(1000); // middle of the range, not 22765937
      expect(value.qtyPlanned).toBeLessThan(9000);
    }
  });

  it('prefers examples, and is the same for the same seed', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: 'integer', example: 42 }, b: { type: 'number' } },
    };
    const one = sampleFromSchema(schema, { random: createRandom(3) });
    expect(one).toEqual(sampleFromSchema(schema, { random: createRandom(3) }));
    expect((one as { a: number }).a).toBe(42);
    expect(sampleFromSchema(schema, { random: createRandom(4) })).not.toEqual(one);
  });
});
