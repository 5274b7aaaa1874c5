// Writes schema/poc.schema.json from the zod schema (the single source of truth).
import { writeFileSync } from 'node:fs';

import { manifestJsonSchema } from '../src/manifest/json-schema.js';

writeFileSync(
  new URL('../schema/poc.schema.json', import.meta.url),
  `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`,
);
