import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UseCase } from '../../src/scaffold/index.js';
import { generateProject, installProject, run } from './support/generate.js';

/**
 * The generated project's runtime, end to end, per use case: generate through the init engine,
 * `npm ci` (hits the npm registry or its cache), the project's own `npm test`, then its training
 * pipeline once with Debian's python3-torch and the built server loading the retrained model.
 * Run alone with: npx vitest run test/runtime -t "runtime:"
 */
const PYTHON = process.env.POC_PYTHON ?? '/usr/bin/python3';
const MINUTES = 60_000;

describe.each<UseCase>(['quality-inspection', 'predictive-maintenance'])(
  'runtime: generated %s project',
  (useCase) => {
    let dir: string;
    beforeAll(async () => {
      dir = await generateProject(useCase);
      await installProject(dir);
    }, 6 * MINUTES);
    afterAll(async () => {
      if (dir) await rm(dirname(dir), { recursive: true, force: true });
    });

    it(
      'passes its own test suite (npm test)',
      async () => {
        const { stdout } = await run('npm', ['test', '--silent'], {
          cwd: dir,
          env: { ...process.env, NO_COLOR: '1', CI: '1' },
          maxBuffer: 64 * 1024 * 1024,
        });
        expect(stdout).toMatch(/Tests\s+\d+ passed/);
        expect(stdout).not.toMatch(/failed/);
      },
      6 * MINUTES,
    );

    it(
      'trains with python3-torch, and the built server loads and serves the result',
      async () => {
        const out = join(dir, 'var', 'retrained');
        const train = await run('npm', ['run', 'train', '--silent'], {
          cwd: dir,
          env: { ...process.env, PYTHON, OUT: out },
          maxBuffer: 64 * 1024 * 1024,
        });
        const summary = JSON.parse(train.stdout.trim().split('\n').pop()!);
        expect(summary.accuracy).toBeGreaterThan(0.9);
        await run('npm', ['run', 'build', '--silent'], { cwd: dir });

        const server = spawn(process.execPath, ['dist/server.js'], {
          cwd: dir,
          env: {
            ...process.env,
            PORT: '0',
            HOST: '127.0.0.1',
            POC_MODEL_PATH: join(out, 'model.onnx'),
            POC_MODEL_VERSION: 'retrained',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let logs = '';
        server.stdout.on('data', (chunk: Buffer) => (logs += chunk.toString()));
        server.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString()));
        try {
          const deadline = Date.now() + 60_000;
          while (!/model loaded and warmed up|model not loaded/.test(logs) && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          expect(logs).toContain('model loaded and warmed up');
          const base = `http://127.0.0.1:${/listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(logs)?.[1]}`;
          expect((await fetch(`${base}/readyz`)).status).toBe(200);
          const { useCase: spec } = (await import(join(dir, 'src', 'usecase', 'index.ts'))) as {
            useCase: { example: unknown; classes: string[] };
          };
          const response = await fetch(`${base}/v1/predict`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(spec.example),
          });
          expect(response.status).toBe(200);
          const prediction = (await response.json()) as { modelVersion: string; prediction: string };
          expect(prediction.modelVersion).toBe('retrained');
          expect(spec.classes).toContain(prediction.prediction);
          expect(await (await fetch(`${base}/metrics`)).text()).toContain(
            'poc_model_info{version="retrained"} 1',
          );
        } finally {
          server.kill('SIGTERM');
        }
      },
      6 * MINUTES,
    );
  },
);
