import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

import Init from '../../src/commands/init.js';
import { runCommand } from '../helpers/run-command.js';
import { tempDir } from '../helpers/temp-dir.js';

const gitIdentity = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

/** Every file under a directory with its sha256 and mode, for byte-for-byte comparisons. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      if (entry.name === '.git') continue;
      if (entry.isDirectory()) walk(full);
      else {
        const hash = createHash('sha256').update(readFileSync(full)).digest('hex');
        out[relative(dir, full)] = `${hash} ${(statSync(full).mode & 0o777).toString(8)}`;
      }
    }
  };
  walk(dir);
  return out;
}

type InitJson = { name: string; dir: string; files: { path: string; sha256: string; bytes: number }[] };

describe('poc init', () => {
  it('creates the default project with --yes and shows the next steps', async () => {
    const cwd = tempDir();
    const { exitCode, stdout, stderr } = await runCommand(Init, ['--yes', '--no-git'], { cwd });
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Created poc-demo \(quality-inspection\) in .*poc-demo: \d+ files\./);
    expect(stdout).toContain('cd poc-demo');
    expect(stdout).toContain('poc validate');
    expect(existsSync(join(cwd, 'poc-demo', 'poc.yaml'))).toBe(true);
    expect(existsSync(join(cwd, 'poc-demo', '.poc', 'files.lock'))).toBe(true);
  });

  it('lists every file written with its sha256 in the --json result', async () => {
    const cwd = tempDir();
    const { exitCode, json } = await runCommand(Init, ['line-3', '--yes', '--no-git', '--json'], { cwd });
    expect(exitCode).toBe(0);
    const result = json!.result as InitJson;
    const onDisk = snapshot(join(cwd, 'line-3'));
    expect(result.files.map((file) => file.path).sort()).toEqual(Object.keys(onDisk).sort());
    for (const file of result.files) expect(onDisk[file.path]!.split(' ')[0], file.path).toBe(file.sha256);
  });

  it('takes every answer from flags and POC_* variables', async () => {
    const cwd = tempDir();
    const { exitCode } = await runCommand(
      Init,
      [
        'pump-7',
        '--integrations',
        'historian-rest',
        '--ci',
        'gitlab',
        '--facilities',
        'plant-a,dubai-1',
        '--no-git',
      ],
      {
        cwd,
        env: {
          POC_YES: '1',
          POC_USE_CASE: 'predictive-maintenance',
          POC_REMOTE: 's3',
          POC_S3_BUCKET: 'acme-ml',
          POC_SLA_BOUND_MS: '20',
          POC_OWNER_MODEL: 'Amal Haddad <amal@plant.example>',
        },
      },
    );
    expect(exitCode).toBe(0);
    const manifest = readFileSync(join(cwd, 'pump-7', 'poc.yaml'), 'utf8');
    expect(manifest).toContain('useCase: predictive-maintenance');
    expect(manifest).toContain('bucket: "acme-ml"');
    expect(manifest).toContain('boundMs: 20');
    expect(manifest).toContain('model: "Amal Haddad <amal@plant.example>"');
    expect(manifest).toContain('values-production-dubai-1.yaml');
    expect(existsSync(join(cwd, 'pump-7', '.gitlab-ci.yml'))).toBe(true);
    expect(existsSync(join(cwd, 'pump-7', '.github'))).toBe(false);
    expect(readdirSync(join(cwd, 'pump-7', 'contracts'))).toEqual(['historian.openapi.yaml']);
  });

  it('reproduces a project byte for byte from its .poc/answers.yaml', async () => {
    const cwd = tempDir();
    const flags = [
      '--integrations',
      'mes-rest,erp-rest,historian-rest,sensors-mqtt',
      '--ci',
      'both',
      '--no-git',
    ];
    expect((await runCommand(Init, ['line-3', '--yes', ...flags], { cwd })).exitCode).toBe(0);
    const again = await runCommand(
      Init,
      ['--answers', 'line-3/.poc/answers.yaml', '--dir', 'copy', '--yes', '--no-git'],
      { cwd },
    );
    expect(again.exitCode).toBe(0);
    expect(snapshot(join(cwd, 'copy'))).toEqual(snapshot(join(cwd, 'line-3')));
  });

  it('prints the plan with --dry-run and writes nothing', async () => {
    const cwd = tempDir();
    const { exitCode, stdout } = await runCommand(Init, ['line-3', '--yes', '--dry-run'], { cwd });
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/Plan for line-3 \(quality-inspection\) in .*: \d+ files/);
    expect(stdout).toMatch(/poc\.yaml\s+\d+ B\s+project\/poc\.yaml\.hbs/);
    expect(stdout).toContain('Dry run: nothing was written.');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('normalises a name with capitals and spaces, with a notice', async () => {
    const cwd = tempDir();
    const { exitCode, stderr } = await runCommand(Init, ['Line 3 Defects', '--yes', '--no-git'], { cwd });
    expect(exitCode).toBe(0);
    expect(stderr).toContain('Warning: Project name "Line 3 Defects" normalised to "line-3-defects".');
    expect(existsSync(join(cwd, 'line-3-defects', 'poc.yaml'))).toBe(true);
  });

  it('makes the initial commit with git', async () => {
    const cwd = tempDir();
    const { exitCode, stdout } = await runCommand(Init, ['line-3', '--yes'], { cwd, env: gitIdentity });
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/Initial commit [0-9a-f]+\./);
    const dir = join(cwd, 'line-3');
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: dir, encoding: 'utf8' })).toBe('');
    expect(execFileSync('git', ['log', '--format=%s'], { cwd: dir, encoding: 'utf8' })).toMatch(
      /^Create line-3 with poc init \(poc2prod \d+\.\d+\.\d+\)/,
    );
  });

  it('refuses a non-empty directory and overwrites only with --force', async () => {
    const cwd = tempDir({ 'line-3/notes.txt': 'mine', 'line-3/README.md': 'old' });
    const refused = await runCommand(Init, ['line-3', '--yes', '--no-git'], { cwd });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('line-3 is not empty');
    expect(refused.stderr).toContain('--force');
    expect(readdirSync(join(cwd, 'line-3')).sort()).toEqual(['README.md', 'notes.txt']);

    const forced = await runCommand(Init, ['line-3', '--yes', '--no-git', '--force'], { cwd });
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toContain('Replaced 1 existing files (--force).');
    expect(readFileSync(join(cwd, 'line-3', 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(cwd, 'line-3', 'README.md'), 'utf8')).toMatch(/^# line-3/);
  });

  describe('bad input: exit 2, every problem listed, nothing written', () => {
    it.each([['../escape'], ['a/b'], ['..']])('name %j', async (name) => {
      const cwd = tempDir();
      const { exitCode, json } = await runCommand(Init, [name, '--yes', '--json'], { cwd });
      expect(exitCode).toBe(2);
      expect(json!.error).toMatchObject({ code: 'INVALID_NAME', hint: expect.stringContaining('--dir') });
      expect(readdirSync(cwd)).toEqual([]);
    });

    it('unknown use case and integration, bad numbers and registry, together', async () => {
      const cwd = tempDir();
      const { exitCode, json } = await runCommand(
        Init,
        [
          'line-3',
          '--yes',
          '--json',
          '--use-case',
          'welding',
          '--integrations',
          'mes-rest,opc-ua',
          '--sla-bound-ms',
          'fast',
          '--registry',
          'https://ghcr.io/acme',
          '--ci',
          'jenkins',
        ],
        { cwd },
      );
      expect(exitCode).toBe(2);
      expect(json!.error!.code).toBe('INVALID_ANSWERS');
      const problems = json!.error!.problems as { path: string; message: string }[];
      expect(problems.map((problem) => problem.path)).toEqual([
        'useCase',
        'integrations.1',
        'ci.0',
        'registry',
        'sla.boundMs',
      ]);
      expect(problems.every((problem) => /set with (--|the NAME)/.test(problem.message))).toBe(true);
      expect(readdirSync(cwd)).toEqual([]);
    });

    it('an answers file with unknown keys and wrong types', async () => {
      const cwd = tempDir();
      writeFileSync(
        join(cwd, 'answers.yaml'),
        'name: line-3\nfacilites: [plant-a]\nfacilities: plant-a\nsla:\n  boundMs: -5\n',
      );
      const { exitCode, stderr } = await runCommand(
        Init,
        ['--answers', 'answers.yaml', '--yes', '--no-git'],
        { cwd },
      );
      expect(exitCode).toBe(2);
      expect(stderr).toContain('facilities');
      expect(stderr).toContain('sla.boundMs');
      expect(stderr).toContain('unknown key facilites');
      expect(readdirSync(cwd)).toEqual(['answers.yaml']);
    });

    // /sys refuses new entries even to root, so this holds for every user on Linux.
    it.runIf(process.platform === 'linux')('a directory that cannot be written', async () => {
      const cwd = tempDir();
      const { exitCode, json } = await runCommand(
        Init,
        ['line-3', '--dir', '/sys/poc-init-test', '--yes', '--json'],
        {
          cwd,
        },
      );
      expect(exitCode).toBe(2);
      expect(json!.error).toMatchObject({
        code: 'TARGET_NOT_WRITABLE',
        hint: expect.stringContaining('--dir'),
      });
      expect(existsSync('/sys/poc-init-test')).toBe(false);
    });

    it('a target that is a file', async () => {
      const cwd = tempDir({ 'line-3': 'a file' });
      const { exitCode, stderr } = await runCommand(Init, ['line-3', '--yes'], { cwd });
      expect(exitCode).toBe(2);
      expect(stderr).toContain('is a file');
    });
  });
});
