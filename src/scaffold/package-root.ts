import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The installed poc2prod package: src/scaffold/ (tsx, tests) and dist/scaffold/ (built CLI)
 * both sit two levels below it, next to templates/ and package.json.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TEMPLATES_ROOT = fileURLToPath(new URL('../../templates', import.meta.url));

let version: string | undefined;

/** The poc2prod version, which is the template version of every project it generates. */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, 'utf8')) as { version: string })
    .version;
  return version;
}
