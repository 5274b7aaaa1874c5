import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { EVERYTHING, generateProject } from '../helpers/generate-project.js';

/** Dockerfile instructions, continuation lines joined; comments and blank lines dropped. */
function instructions(text: string): { op: string; args: string }[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [op, ...rest] = line.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

/** A COPY source exists in the build context (globs as Docker reads them: `*` within a name). */
function existsInContext(dir: string, source: string): boolean {
  if (!source.includes('*')) return existsSync(join(dir, source));
  const pattern = new RegExp(`^${source.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`);
  return readdirSync(dir).some((name) => pattern.test(name));
}

// No docker engine here: the Dockerfile is checked as data against the project it builds.
describe.each([
  { label: 'every integration', answers: EVERYTHING },
  { label: 'no integration', answers: { integrations: [] } },
])('Dockerfile ($label)', ({ answers }) => {
  const generated = generateProject({ ...answers });

  it('is multi-stage on a pinned base, runs as a numeric non-root user, with a HEALTHCHECK', async () => {
    const { dir } = await generated;
    const steps = instructions(readFileSync(join(dir, 'Dockerfile'), 'utf8'));
    const base = steps.find((step) => step.op === 'ARG' && step.args.startsWith('NODE_IMAGE='))!.args.split('=')[1]!;
    expect(base).toMatch(/^node:\d+\.\d+\.\d+-[a-z]+-slim$/);
    const froms = steps.filter((step) => step.op === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(2);
    const lastFrom = steps.lastIndexOf(froms.at(-1)!);
    const runtime = steps.slice(lastFrom);
    const user = runtime.find((step) => step.op === 'USER')!.args;
    expect(user).toMatch(/^[1-9]\d{3,}:[1-9]\d{3,}$/);
    expect(runtime.findIndex((step) => step.op === 'USER')).toBeLessThan(
      runtime.findIndex((step) => step.op === 'CMD'),
    );
    expect(runtime.some((step) => step.op === 'HEALTHCHECK' && step.args.includes('/healthz'))).toBe(true);
    expect(runtime.find((step) => step.op === 'EXPOSE')!.args).toBe('8080');
  });

  it('copies only what exists in the project and starts what npm start starts', async () => {
    const { dir } = await generated;
    const steps = instructions(readFileSync(join(dir, 'Dockerfile'), 'utf8'));
    const sources = steps
      .filter((step) => step.op === 'COPY' && !step.args.includes('--from='))
      .flatMap((step) => step.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(4);
    for (const source of sources) expect(existsInContext(dir, source), source).toBe(true);
    expect(sources.includes('contracts')).toBe(existsSync(join(dir, 'contracts')));

    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const cmd = JSON.parse(steps.findLast((step) => step.op === 'CMD')!.args) as string[];
    expect(cmd.join(' ')).toBe(pkg.scripts.start);
    expect(pkg.scripts.build).toBeDefined();
    // dist/server.js is built from src/server.ts.
    expect(cmd[1]).toBe('dist/server.js');
    expect(existsSync(join(dir, 'src', 'server.ts'))).toBe(true);
  });

  it('.dockerignore keeps data, git and secrets out of the build context', async () => {
    const { dir } = await generated;
    const ignored = readFileSync(join(dir, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', 'data', 'node_modules', '.env', '*.pem', '*.key']) expect(ignored).toContain(entry);
  });
});
