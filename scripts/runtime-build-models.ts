/**
 * Rebuild the baseline model of each use case from code: the template's own training pipeline
 * (training/train.sh: seeded simulator -> the serving app's feature build -> PyTorch -> ONNX)
 * run on a copy of the template, with Debian's python3-torch.
 *
 *   npx tsx scripts/runtime-build-models.ts            # rebuild and compare with the committed models
 *   npx tsx scripts/runtime-build-models.ts --write    # rebuild and replace them
 *
 * test/runtime/baseline-models.test.ts runs the comparison: the committed bytes are exactly
 * what this code produces.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
export const USE_CASES = ['quality-inspection', 'predictive-maintenance'] as const;
export const MODEL_FILES = ['model.onnx', 'profile.json', 'metrics.json'] as const;
export const PYTHON = process.env.POC_PYTHON ?? '/usr/bin/python3';

export function committedModelDir(useCase: string): string {
  return join(ROOT, 'templates', 'usecases', useCase, 'model');
}

/** Run the use case's training pipeline on a scratch copy of the template; returns its model dir. */
export async function buildBaseline(useCase: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const work = await mkdtemp(join(tmpdir(), `poc-baseline-${useCase}-`));
  for (const layer of [join(ROOT, 'templates', 'project'), join(ROOT, 'templates', 'usecases', useCase)]) {
    for (const part of ['src', 'training']) {
      await cp(join(layer, part), join(work, part), { recursive: true, force: true }).catch(
        (error: unknown) => {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        },
      );
    }
  }
  // The feature build needs only ajv and tsx, which this repository already has.
  await symlink(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
  await promisify(execFile)('sh', ['training/train.sh'], {
    cwd: work,
    env: { ...process.env, PYTHON, OUT: join(work, 'model'), WORK: join(work, 'data') },
    maxBuffer: 16 * 1024 * 1024,
  });
  return { dir: join(work, 'model'), cleanup: () => rm(work, { recursive: true, force: true }) };
}

export async function sha256Of(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

async function main(): Promise<void> {
  const write = process.argv.includes('--write');
  let differ = false;
  for (const useCase of USE_CASES) {
    const built = await buildBaseline(useCase);
    try {
      for (const file of MODEL_FILES) {
        const fresh = await sha256Of(join(built.dir, file));
        const committed = await sha256Of(join(committedModelDir(useCase), file)).catch(() => 'missing');
        const same = fresh === committed;
        differ ||= !same;
        process.stdout.write(
          `${useCase}/${file} ${fresh.slice(0, 16)} ${same ? 'matches' : `differs from ${committed.slice(0, 16)}`}\n`,
        );
      }
      if (write) await cp(built.dir, committedModelDir(useCase), { recursive: true, force: true });
    } finally {
      await built.cleanup();
    }
  }
  if (differ && !write) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
