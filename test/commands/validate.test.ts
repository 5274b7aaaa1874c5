import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import Validate from '../../src/commands/validate.js';
import { runCommand } from '../helpers/run-command.js';
import { tempDir } from '../helpers/temp-dir.js';

const valid = readFileSync(new URL('../fixtures/manifests/valid.yaml', import.meta.url), 'utf8');
const projectFiles = {
  'poc.yaml': valid,
  'model/model.onnx': 'onnx',
  'contracts/mes.openapi.yaml': 'openapi: 3.1.0',
  'contracts/sensors.asyncapi.yaml': 'asyncapi: 3.0.0',
  'deploy/helm/line-3-defects/Chart.yaml': 'apiVersion: v2',
  'deploy/helm/line-3-defects/values-staging.yaml': '{}',
  'deploy/helm/line-3-defects/values-production.yaml': '{}',
};

describe('poc validate', () => {
  it('passes a complete project, found from a subdirectory', async () => {
    const dir = tempDir({ ...projectFiles, 'src/keep': '' });
    const { exitCode, stdout } = await runCommand(Validate, [], { cwd: `${dir}/src` });
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/poc\.yaml is valid; 6 referenced files present/);
  });

  it('returns the envelope with --json and prints nothing else on stdout', async () => {
    const dir = tempDir(projectFiles);
    const { exitCode, json, stderr } = await runCommand(Validate, ['--json', '--dir', dir]);
    expect(exitCode).toBe(0);
    expect(json).toMatchObject({ status: 0, warnings: [], result: { project: 'line-3-defects' } });
    expect(stderr).toBe('');
  });

  it('lists every missing file with its location, exit 2', async () => {
    const { 'model/model.onnx': _m, 'deploy/helm/line-3-defects/Chart.yaml': _c, ...rest } = projectFiles;
    const dir = tempDir(rest);
    const { exitCode, stderr } = await runCommand(Validate, ['--dir', dir]);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('references 2 missing files');
    expect(stderr).toMatch(/poc\.yaml:11:9 model\.path: model model\/model\.onnx does not exist/);
    expect(stderr).toMatch(
      /poc\.yaml:41:10 deploy\.chart: chart deploy\/helm\/line-3-defects has no Chart\.yaml/,
    );
  });

  it('lists every manifest problem and writes nothing', async () => {
    const dir = tempDir({ 'poc.yaml': 'project:\n  name: Line 3\nsla:\n  boundMs: -1\nmodle: {}\n' });
    const before = readdirSync(dir);
    const { exitCode, json } = await runCommand(Validate, ['--dir', dir, '--json']);
    expect(exitCode).toBe(2);
    expect(json?.status).toBe(2);
    expect(json?.error?.code).toBe('MANIFEST_INVALID');
    expect(json?.error?.problems).toEqual([
      expect.objectContaining({ line: 2, column: 9, path: 'project.name' }),
      expect.objectContaining({ line: 4, column: 12, path: 'sla.boundMs' }),
      expect.objectContaining({
        line: 5,
        column: 1,
        path: 'modle',
        message: 'unknown key "modle" (did you mean "model"?)',
      }),
    ]);
    expect(readdirSync(dir)).toEqual(before);
  });

  it('outside a project, says where it looked and how to create one', async () => {
    const dir = tempDir();
    const { exitCode, stderr } = await runCommand(Validate, [], { cwd: dir });
    expect(exitCode).toBe(2);
    expect(stderr).toContain(`No poc.yaml in ${dir} or any parent directory.`);
    expect(stderr).toContain('poc init');
  });

  it('takes --dir from POC_DIR', async () => {
    const dir = tempDir(projectFiles);
    const { exitCode } = await runCommand(Validate, [], { env: { POC_DIR: dir } });
    expect(exitCode).toBe(0);
  });

  it('answers an unknown flag with exit 2 and a did-you-mean, also as JSON', async () => {
    const human = await runCommand(Validate, ['--dri', '.']);
    expect(human.exitCode).toBe(2);
    expect(human.stderr).toContain('Did you mean --dir?');
    const machine = await runCommand(Validate, ['--dri', '.', '--json']);
    expect(machine.json).toMatchObject({
      status: 2,
      error: { code: 'INVALID_FLAG', hint: expect.stringContaining('--dir') },
    });
  });
});
