import { Errors } from '@oclif/core';

import {
  EnvironmentError,
  formatProblem,
  InternalError,
  PocError,
  UserError,
  type ExitCodeValue,
} from './errors.js';
import { paint } from './style.js';
import { closest } from './suggest.js';

const ISSUES_URL = 'https://github.com/poc2prod/poc2prod/issues';

/** Maps anything thrown below a command to a typed error with an exit code. */
export function toPocError(error: unknown, knownFlags: string[] = []): PocError {
  if (error instanceof PocError) return error;
  const err = error as Error & { oclif?: { exit?: number }; flags?: string[]; code?: string };
  if (err?.oclif?.exit === 2) {
    // oclif's parser: unknown flag, missing argument, invalid option value.
    const unknown = err.flags?.[0]?.replace(/^--?/, '').split('=')[0];
    const suggestion = unknown ? closest(unknown, knownFlags) : undefined;
    // oclif puts the reason on the lines after the first ("Parsing --min-score" / "Expected an
    // integer…") and ends with its own help pointer, which the hint replaces.
    const [first = err.message, ...reasons] = err.message
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('See more help with'));
    const message = reasons.length ? `${first.replace(/:?$/, ':')} ${reasons.join('; ')}` : first;
    return new UserError(message, {
      code: 'INVALID_FLAG',
      hint: suggestion
        ? `Did you mean --${suggestion}? See --help.`
        : 'See --help for the arguments and flags this command takes.',
    });
  }
  if (err?.code === 'ENOSPC' || err?.code === 'EACCES' || err?.code === 'EROFS' || err?.code === 'EPERM') {
    return new EnvironmentError(err.message, {
      code: err.code,
      hint: 'Check free disk space and file permissions, then run the command again.',
      cause: error,
    });
  }
  return new InternalError(`poc2prod hit an internal error: ${err?.message ?? String(error)}`, {
    hint: `This is a bug. Run again with --verbose and report the output at ${ISSUES_URL}.`,
    cause: error,
  });
}

/** The `--json` error envelope. */
export function errorEnvelope(error: PocError) {
  return {
    status: error.exitCode,
    error: { code: error.code, message: error.message, hint: error.hint ?? null, problems: error.problems },
  };
}

/** Human error text for stderr: what, where, what to try; the stack only when asked for. */
export function renderError(error: PocError, verbose: boolean): string {
  const stream = process.stderr;
  const lines = [`${paint('Error:', 'red', stream)} ${error.message}`];
  for (const problem of error.problems) lines.push(`  ${formatProblem(problem)}`);
  if (error.hint) lines.push(`${paint('Hint:', 'cyan', stream)} ${error.hint}`);
  if (verbose) {
    const cause = error.cause instanceof Error ? error.cause : error;
    lines.push(paint(cause.stack ?? String(cause), 'dim', stream));
  }
  return `${lines.join('\n')}\n`;
}

/** Ends the command with a code, without oclif printing the error a second time. */
export function silentExit(code: ExitCodeValue): Errors.ExitError {
  return new Errors.ExitError(code);
}
