import { z } from 'zod';

import { manifestSchema } from './schema.js';

/** Where editors find the schema; generated manifests name it in a yaml-language-server comment. */
export function schemaUrl(version: string): string {
  return `https://unpkg.com/poc2prod@${version}/schema/poc.schema.json`;
}

/** The JSON Schema of poc.yaml as a user writes it: defaulted fields are optional. */
export function manifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(manifestSchema, { io: 'input', target: 'draft-2020-12' });
  return {
    ...schema,
    $id: 'https://poc2prod.dev/schema/poc.schema.json',
    title: 'poc2prod project manifest (poc.yaml)',
  };
}
