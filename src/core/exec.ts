import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

export function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** The full path of an executable on PATH, or undefined. Cheaper than spawning `which`. */
export async function which(command: string, path = process.env.PATH ?? ''): Promise<string | undefined> {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export interface ProbeResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  exitCode?: number;
  timedOut: boolean;
}

/** Runs a command to learn something (a version, an import); never throws. */
export async function probe(command: string, args: string[], timeoutMs = 5000): Promise<ProbeResult> {
  const { execa } = await import('execa');
  const result = await execa(command, args, { reject: false, timeout: timeoutMs, stdin: 'ignore' });
  return {
    ok: result.exitCode === 0 && !result.timedOut,
    stdout: String(result.stdout ?? '').trim(),
    stderr: String(result.stderr ?? '').trim(),
    exitCode: result.exitCode,
    timedOut: Boolean(result.timedOut),
  };
}
