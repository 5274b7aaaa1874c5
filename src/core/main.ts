import { Config, Errors, flush, handle, run } from '@oclif/core';

import { UserError } from './errors.js';
import { errorEnvelope, renderError } from './render-error.js';
import { closest } from './suggest.js';

/**
 * The process entry point (bin/run.js). Commands render their own errors; this adds what oclif
 * leaves to the shell: an unknown command exits 2 with a did-you-mean, even without a terminal.
 */
export async function main(argv: string[], binUrl: string): Promise<void> {
  try {
    await run(argv, binUrl);
    await flush();
  } catch (error) {
    const notFound = (error as Errors.CLIError).oclif?.exit === 127;
    if (!notFound) return handle(error as Error);
    const config = await Config.load(binUrl);
    const typed = argv.filter((arg) => !arg.startsWith('-')).join(' ');
    const ids = config.commandIDs.map((id) => id.replaceAll(':', ' '));
    const suggestion = closest(typed, ids) ?? closest(argv[0] ?? '', ids);
    const userError = new UserError(`"${typed}" is not a poc command.`, {
      code: 'UNKNOWN_COMMAND',
      hint: suggestion
        ? `Did you mean "poc ${suggestion}"? Run "poc help" for all commands.`
        : 'Run "poc help" for all commands.',
    });
    if (argv.includes('--json'))
      process.stdout.write(`${JSON.stringify(errorEnvelope(userError), null, 2)}\n`);
    else process.stderr.write(renderError(userError, false));
    return handle(new Errors.ExitError(userError.exitCode));
  }
}
