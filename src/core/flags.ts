import { Flags } from '@oclif/core';

/** `min-score` -> `POC_MIN_SCORE`: every flag can come from the environment (house style 7). */
export function envName(flag: string): string {
  return `POC_${flag.toUpperCase().replaceAll('-', '_')}`;
}

/** Gives each flag its `POC_*` environment variable, so no flag can be declared without one. */
export function withEnv<T extends Record<string, object>>(flags: T): T {
  return Object.fromEntries(
    Object.entries(flags).map(([name, flag]) => [name, { ...flag, env: envName(name) }]),
  ) as T;
}

/** `--dir` for commands that work on a project: the root holding poc.yaml. */
export const projectFlags = withEnv({
  dir: Flags.directory({
    char: 'C',
    summary: 'Project root (default: the nearest parent directory holding poc.yaml).',
    helpGroup: 'GLOBAL',
  }),
});
