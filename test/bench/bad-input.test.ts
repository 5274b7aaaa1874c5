import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import Bench from '../../src/commands/bench.js';
import { modelFile } from '../fixtures/models/model-cache.js';
import { matmul, sequenceInput, stringInput } from '../fixtures/models/test-models.js';
import { runCommand } from '../helpers/run-command.js';
import { tempDir } from '../helpers/temp-dir.js';
import { npy } from './support/npy.js';

const quick = ['--warmup', '2', '--noise-limit', '100000', '--max-duration', '2', '--json'];

async function refused(argv: string[], cwd?: string) {
  const out = await runCommand(Bench, [...argv, ...quick], { cwd });
  expect(out.exitCode, out.stdout + out.stderr).toBe(2);
  expect(out.json?.status).toBe(2);
  return out.json?.error as { code: string; message: string; hint: string | null };
}

describe('poc bench refuses bad input with exit 2 and the reason', () => {
  it('a missing model file', async () => {
    const error = await refused([join(tempDir(), 'nope.onnx'), '--sla-ms', '10']);
    expect(error.code).toBe('MODEL_MISSING');
    expect(error.message).toMatch(/nope\.onnx does not exist/);
  });

  it('a file that is not ONNX', async () => {
    const dir = tempDir({ 'model.onnx': 'this is a README, not a model\n' });
    const error = await refused([join(dir, 'model.onnx'), '--sla-ms', '10']);
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toMatch(/cannot be loaded by onnxruntime/);
  });

  it('a truncated model', async () => {
    const bytes = await readFile(await modelFile(matmul()));
    const dir = tempDir();
    await writeFile(join(dir, 'cut.onnx'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const error = await refused([join(dir, 'cut.onnx'), '--sla-ms', '10']);
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.hint).toMatch(/truncated/);
  });

  it('a model whose inputs cannot be synthesised', async () => {
    expect((await refused([await modelFile(sequenceInput()), '--sla-ms', '10'])).code).toBe(
      'INPUTS_UNSUPPORTED',
    );
    const error = await refused([await modelFile(stringInput()), '--sla-ms', '10']);
    expect(error.code).toBe('INPUTS_UNSUPPORTED');
    expect(error.message).toMatch(/string/);
  });

  it('supplied inputs whose shape does not match the model', async () => {
    const dir = tempDir({
      'inputs.json': JSON.stringify({ x: { dims: [1, 32], data: new Array(32).fill(0.5) } }),
    });
    const error = await refused([
      await modelFile(matmul()),
      '--sla-ms',
      '10',
      '--inputs',
      join(dir, 'inputs.json'),
    ]);
    expect(error.code).toBe('INPUTS_INVALID');
    expect(error.message).toMatch(/shape \[1, 32\] but the model expects \[1, 64\]/);
  });

  it('supplied .npy inputs of the wrong element type', async () => {
    const dir = tempDir();
    await writeFile(join(dir, 'x.npy'), npy('<f8', [1, 64], new Float64Array(64)));
    const error = await refused([await modelFile(matmul()), '--sla-ms', '10', '--inputs', dir]);
    expect(error.message).toMatch(/float64 but the model expects float32/);
  });

  it('supplied inputs naming an input the model lacks', async () => {
    const dir = tempDir({ 'in.json': JSON.stringify({ x: [new Array(64).fill(0)], extra: [1] }) });
    const error = await refused([
      await modelFile(matmul()),
      '--sla-ms',
      '10',
      '--inputs',
      join(dir, 'in.json'),
    ]);
    expect(error.message).toMatch(/extra/);
  });

  it('no SLA outside a project', async () => {
    const error = await refused([await modelFile(matmul())], tempDir());
    expect(error.code).toBe('SLA_MISSING');
    expect(error.hint).toMatch(/--sla-ms/);
  });

  it('a malformed number flag or concurrency list', async () => {
    expect((await refused([await modelFile(matmul()), '--sla-ms', 'fast'])).code).toBe('FLAG_INVALID');
    expect(
      (await refused([await modelFile(matmul()), '--sla-ms', '5', '--percentile', '100'])).message,
    ).toMatch(/between 0 and 100/);
    const sweep = await refused([
      await modelFile(matmul()),
      '--sla-ms',
      '5',
      '--scenario',
      'offline',
      '--concurrency',
      '1,two',
    ]);
    expect(sweep.code).toBe('FLAG_INVALID');
  });
});

describe('poc bench with real inputs', () => {
  it('runs on a .npy directory and on a JSON file that match the model', async () => {
    const model = await modelFile(matmul());
    const file = join(
      tempDir({ 'in.json': JSON.stringify({ x: [Array.from({ length: 64 }, (_, i) => i / 64)] }) }),
      'in.json',
    );
    const dir = tempDir();
    await writeFile(join(dir, 'x.npy'), npy('<f4', [1, 64], new Float32Array(64).fill(0.25)));
    for (const inputs of [dir, file]) {
      const out = await runCommand(Bench, [model, '--sla-ms', '1000', '--inputs', inputs, ...quick]);
      expect(out.exitCode, out.stderr).toBe(0);
      expect((out.json?.result as { inputs: { source: string } }).inputs.source).toBe('file');
    }
  });
});

describe('poc bench execution providers', () => {
  it('refuses an unknown provider as bad input and a missing one as the environment', async () => {
    const model = await modelFile(matmul());
    const unknown = await runCommand(Bench, [
      model,
      '--sla-ms',
      '10',
      '--execution-provider',
      'warp-drive',
      ...quick,
    ]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.json?.error?.code).toBe('PROFILE_INVALID');
    // The CPU build bundled here lists cuda as supported but not bundled.
    const cuda = await runCommand(Bench, [model, '--sla-ms', '10', '--execution-provider', 'cuda', ...quick]);
    expect(cuda.exitCode).toBe(4);
    expect(cuda.json?.error?.code).toBe('PROVIDER_UNAVAILABLE');
  });

  it('reports a bundled provider that cannot start on this machine as the environment (exit 4)', async () => {
    // webgpu is bundled in the linux-x64 build; without a GPU adapter it fails at session creation.
    const out = await runCommand(Bench, [
      await modelFile(matmul()),
      '--sla-ms',
      '1000',
      '--execution-provider',
      'webgpu',
      ...quick,
    ]);
    expect([0, 4], out.stdout).toContain(out.exitCode);
    if (out.exitCode === 4) expect(out.json?.error?.code).toBe('PROVIDER_UNAVAILABLE');
  });
});

describe('poc bench flag combinations', () => {
  it('refuses --compare outside the single-stream scenario', async () => {
    const model = await modelFile(matmul());
    const out = await runCommand(Bench, [
      model,
      '--compare',
      model,
      '--scenario',
      'server',
      '--rate',
      '10',
      '--sla-ms',
      '5',
      ...quick,
    ]);
    expect(out.exitCode).toBe(2);
    expect(out.json?.error?.message).toMatch(/--compare/);
  });
});
