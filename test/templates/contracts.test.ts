import SwaggerParser from '@apidevtools/swagger-parser';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

import { lintContracts } from '../../src/contracts/index.js';
import { loadProject } from '../../src/manifest/index.js';
import { EVERYTHING, generateProject } from '../helpers/generate-project.js';

type Json = Record<string, unknown>;

/** Contract extensions carried inside schemas (units, sample rates) are annotations, not rules. */
function withAnnotations<T extends Ajv>(ajv: T): T {
  ajv.addKeyword({ keyword: 'x-unit', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-sample-rate-hz', schemaType: 'number' });
  addFormats.default(ajv);
  return ajv;
}

/** Every `examples` entry of every media type, request or response, with its schema. */
function mediaExamples(document: Json): { where: string; schema: unknown; value: unknown }[] {
  const found: { where: string; schema: unknown; value: unknown }[] = [];
  const visit = (node: unknown, where: string) => {
    if (!node || typeof node !== 'object') return;
    const record = node as Json;
    if (record.schema && record.examples && typeof record.examples === 'object') {
      for (const [name, example] of Object.entries(record.examples as Json)) {
        found.push({ where: `${where}.examples.${name}`, schema: record.schema, value: (example as Json).value });
      }
    }
    for (const [key, child] of Object.entries(record)) if (key !== 'examples') visit(child, `${where}.${key}`);
  };
  visit(document.paths, 'paths');
  visit((document.components as Json | undefined)?.responses, 'components.responses');
  return found;
}

const require = createRequire(import.meta.url);

/** Inlines `#/...` references (the contracts use no others and no cycles). */
function resolveLocalRefs(node: unknown, root: Json): unknown {
  if (Array.isArray(node)) return node.map((item) => resolveLocalRefs(item, root));
  if (!node || typeof node !== 'object') return node;
  const ref = (node as Json).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as Json)[key.replaceAll('~1', '/').replaceAll('~0', '~')], root);
    expect(target, `unresolved ${ref}`).toBeDefined();
    return resolveLocalRefs(target, root);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolveLocalRefs(value, root)]));
}

for (const useCase of ['quality-inspection', 'predictive-maintenance'] as const) {
  describe(`generated contracts (${useCase})`, async () => {
    const { dir } = await generateProject({ ...EVERYTHING, useCase });

    for (const name of ['mes', 'erp', 'historian']) {
      it(`${name}.openapi.yaml is a valid OpenAPI 3.1 document whose examples match their schemas`, async () => {
        const file = join(dir, 'contracts', `${name}.openapi.yaml`);
        const raw = parse(readFileSync(file, 'utf8')) as Json;
        expect(raw.openapi).toBe('3.1.0');
        await SwaggerParser.validate(structuredClone(raw) as never);
        const dereferenced = (await SwaggerParser.dereference(structuredClone(raw) as never)) as unknown as Json;
        const examples = mediaExamples(dereferenced);
        expect(examples.length).toBeGreaterThanOrEqual(3);
        const ajv = withAnnotations(new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true }));
        for (const example of examples) {
          const validate = ajv.compile(example.schema as Json);
          expect(validate(example.value), `${example.where}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        }
      });
    }

    it('sensors.asyncapi.yaml is a valid AsyncAPI 3 document whose examples match their payload schemas', async () => {
      const document = parse(readFileSync(join(dir, 'contracts', 'sensors.asyncapi.yaml'), 'utf8')) as Json;
      expect(document.asyncapi).toBe('3.0.0');
      const specs = require('@asyncapi/specs') as { schemas: Record<string, Json> };
      // The spec bundles its own copy of the draft-07 meta-schema, so ajv's must not be loaded too.
      const specAjv = new Ajv({ strict: false, allErrors: true, meta: false });
      addFormats.default(specAjv);
      const validateDocument = specAjv.compile(specs.schemas['3.0.0']!);
      expect(validateDocument(document), specAjv.errorsText(validateDocument.errors)).toBe(true);

      const dereferenced = resolveLocalRefs(document, document) as Json;
      const messages = (dereferenced.components as Json).messages as Record<string, Json>;
      const ajv = withAnnotations(new Ajv({ strict: true, allErrors: true }));
      let checked = 0;
      for (const [name, message] of Object.entries(messages)) {
        const validate = ajv.compile(message.payload as Json);
        const examples = message.examples as { name: string; payload: unknown }[];
        expect(examples.length, name).toBeGreaterThan(0);
        for (const example of examples) {
          expect(validate(example.payload), `${name}/${example.name}: ${ajv.errorsText(validate.errors)}`).toBe(true);
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(3);
    });

    it('passes poc contract lint (what poc mock and contract verify need) without a finding', async () => {
      const project = await loadProject(dir);
      const result = await lintContracts(project.root, project.manifest.integrations);
      expect(result.contracts.map((contract) => contract.integration).sort()).toEqual([
        'erp',
        'historian',
        'mes',
        'sensors',
      ]);
      expect(result.contracts.flatMap((contract) => contract.findings)).toEqual([]);
    });

    it('every numeric sensor field states its unit, valid range and sample rate', () => {
      const document = parse(readFileSync(join(dir, 'contracts', 'sensors.asyncapi.yaml'), 'utf8')) as Json;
      const schemas = (document.components as Json).schemas as Record<string, Json>;
      const telemetry = Object.entries(schemas).find(([name]) => name.endsWith('Telemetry'))![1];
      const fields = Object.entries(telemetry.properties as Record<string, Json>).filter(
        ([name, field]) => field.type === 'number' && name !== 'sequence',
      );
      expect(fields.length).toBeGreaterThanOrEqual(4);
      for (const [name, field] of fields) {
        expect(field, name).toMatchObject({
          'x-unit': expect.any(String),
          minimum: expect.any(Number),
          maximum: expect.any(Number),
          'x-sample-rate-hz': expect.any(Number),
        });
      }
      expect(telemetry.properties).toHaveProperty('quality');
    });
  });
}
