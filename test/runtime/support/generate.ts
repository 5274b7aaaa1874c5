import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { applyPlan, buildContext, planProject, type UseCase } from '../../../src/scaffold/index.js';

export const run = promisify(execFile);

/** Generate a project of one use case, with every integration, through the real init engine. */
export async function generateProject(useCase: UseCase): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), `poc-runtime-${useCase}-`));
  const dir = join(parent, `rt-${useCase === 'quality-inspection' ? 'qi' : 'pdm'}`);
  const context = buildContext({
    name: `rt-${useCase === 'quality-inspection' ? 'qi' : 'pdm'}`,
    useCase,
    integrations: ['mes-rest', 'erp-rest', 'historian-rest', 'sensors-mqtt'],
  });
  await applyPlan(await planProject(context), dir);
  return dir;
}

/** `npm ci` in a generated project: the npm registry (or the local cache) must be reachable. */
export async function installProject(dir: string): Promise<void> {
  await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  });
}
