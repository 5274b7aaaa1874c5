import { Errors } from '@oclif/core';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CommandOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The parsed --json envelope, when stdout holds one. */
  json?: {
    status: number;
    result?: unknown;
    warnings?: string[];
    error?: { code: string; message: string; hint: string | null; problems: unknown[] };
  };
}

/**
 * Runs a command class in-process, as oclif would, capturing stdout and stderr and the exit code.
 * `env` is applied for the duration of the run; `cwd` is entered and left.
 */
export async function runCommand(
  command: { run(argv: string[], root: string): Promise<unknown> },
  argv: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<CommandOutput> {
  const out: string[] = [];
  const err: string[] = [];
  const originalOut = process.stdout.write.bind(process.stdout);
  const originalErr = process.stderr.write.bind(process.stderr);
  const savedEnv = Object.fromEntries(Object.keys(options.env ?? {}).map((key) => [key, process.env[key]]));
  const savedCwd = process.cwd();
  process.stdout.write = ((chunk: string | Uint8Array) => (
    out.push(String(chunk)),
    true
  )) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (
    err.push(String(chunk)),
    true
  )) as typeof process.stderr.write;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  if (options.cwd) process.chdir(options.cwd);
  let exitCode = 0;
  try {
    await command.run(argv, ROOT);
    exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    exitCode = (error as Errors.CLIError).oclif?.exit ?? 1;
    if (!(error instanceof Errors.ExitError)) err.push(String((error as Error).stack));
  } finally {
    process.stdout.write = originalOut;
    process.stderr.write = originalErr;
    process.exitCode = undefined;
    process.chdir(savedCwd);
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  const stdout = out.join('');
  let json: CommandOutput['json'];
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { stdout, stderr: err.join(''), exitCode, json };
}
