// `oclif manifest` lists commands in the order its glob happens to find them, which differs
// between runs; sorting them by id keeps the committed manifest stable for the drift check.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../oclif.manifest.json', import.meta.url);
const manifest = JSON.parse(readFileSync(file, 'utf8')) as { commands: Record<string, unknown> };
manifest.commands = Object.fromEntries(
  Object.entries(manifest.commands).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
