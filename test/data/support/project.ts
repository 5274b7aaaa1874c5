import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { runCommand } from '../../helpers/run-command.js';
import { commands } from './commands.js';
import { tempDir } from '../../helpers/temp-dir.js';

export { commands } from './commands.js';

/** Runs `poc data <name> ...argv --dir dir` in-process. */
export function data(
  name: keyof typeof commands,
  dir: string,
  argv: string[] = [],
  env: Record<string, string | undefined> = {},
) {
  return runCommand(commands[name], [...argv, '--dir', dir], { env });
}

export type RemoteYaml =
  { type: 'local'; path: string } | { type: 's3'; bucket: string; endpoint: string; prefix?: string };

export function pocYaml(remote: RemoteYaml): string {
  const lines = ['project:', '  name: demo', 'data:', '  remote:', `    type: ${remote.type}`];
  if (remote.type === 'local') lines.push(`    path: ${remote.path}`);
  else {
    lines.push(
      `    bucket: ${remote.bucket}`,
      `    endpoint: ${remote.endpoint}`,
      '    forcePathStyle: true',
    );
    if (remote.prefix) lines.push(`    prefix: ${remote.prefix}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A project with poc.yaml naming the remote, plus the given files. */
export function project(remote: RemoteYaml, files: Record<string, string | Buffer> = {}): string {
  const dir = tempDir({ 'poc.yaml': pocYaml(remote) });
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** Deterministic bytes: a seeded xorshift stream, so tests need no downloads and no randomness. */
export function bytes(size: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const identity = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

/** Real git with an identity of its own (CI machines may have none). */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    env: { ...process.env, ...identity },
    encoding: 'utf8',
  });
}

export function gitInit(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
}

export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}
