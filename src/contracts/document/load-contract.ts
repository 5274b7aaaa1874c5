import { readFile } from 'node:fs/promises';

import { UserError, type Problem } from '../../core/errors.js';
import { parseLocatedYaml } from './located-yaml.js';

export type ContractKind = 'openapi' | 'asyncapi';

/** A contract document with the means to point back at its source lines. */
export interface ContractDocument {
  /** The file as messages show it. */
  file: string;
  kind: ContractKind;
  /** Version string from `openapi:` or `asyncapi:`. */
  version: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a contract is free-form YAML
  root: any;
  /** A problem located at a path inside the document (nearest existing parent if missing). */
  problemAt(path: PropertyKey[], message: string): Problem;
}

/** Parses contract text (YAML or JSON); syntax errors and an unknown document type carry file:line. */
export function parseContract(text: string, file: string): ContractDocument {
  const { root, problemAt } = parseLocatedYaml(text, file, 'CONTRACT_INVALID');
  const record = root && typeof root === 'object' ? (root as Record<string, unknown>) : {};
  const kind: ContractKind | undefined =
    'openapi' in record ? 'openapi' : 'asyncapi' in record ? 'asyncapi' : undefined;
  if (!kind) {
    throw new UserError(`${file} is neither an OpenAPI nor an AsyncAPI document.`, {
      code: 'CONTRACT_INVALID',
      hint: 'A REST contract starts with "openapi: 3.1.0", an MQTT contract with "asyncapi: 3.0.0".',
      problems: [problemAt([], 'missing "openapi" or "asyncapi" version field')],
    });
  }
  return { file, kind, version: String(record[kind]), root, problemAt };
}

/** Reads and parses a contract file; a missing file is a UserError naming it. */
export async function loadContract(path: string, file = path): Promise<ContractDocument> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UserError(`Cannot read contract ${file}: ${(error as NodeJS.ErrnoException).code ?? error}.`, {
      code: 'CONTRACT_MISSING',
      hint: 'Check the "contract" path of the integration in poc.yaml (relative to the project root).',
    });
  }
  return parseContract(text, file);
}
