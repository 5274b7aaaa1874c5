// Runs one `poc data` command in this (child) process, as bin/run.js would once the command is in
// oclif.manifest.json: `node --import tsx child-command.ts <push|add|...> ...argv`. Tests use it
// where a real separate process matters: killing a push, or two adds racing.
import { Errors } from '@oclif/core';

import { ROOT } from '../../helpers/run-command.js';
import { commands } from './commands.js';

const [name, ...argv] = process.argv.slice(2);
const command = commands[name as keyof typeof commands] as {
  run(argv: string[], root: string): Promise<unknown>;
};
try {
  await command.run(argv, ROOT);
} catch (error) {
  process.exitCode = (error as Errors.CLIError).oclif?.exit ?? 1;
}
