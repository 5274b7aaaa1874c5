import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { ROOT } from '../helpers/run-command.js';
import { tempDir } from '../helpers/temp-dir.js';

// The built CLI, as a user runs it (npm test builds first).
const poc = (args: string[], cwd = ROOT) =>
  execa('node', [`${ROOT}/bin/run.js`, ...args], {
    cwd,
    reject: false,
    env: { NO_COLOR: '1' },
    stdin: 'ignore',
  });

const manifest = JSON.parse(readFileSync(`${ROOT}/oclif.manifest.json`, 'utf8')) as {
  commands: Record<string, { flags: Record<string, { env?: string }> }>;
};

describe('the poc binary', () => {
  it('lists its commands in --help', async () => {
    const { exitCode, stdout } = await poc(['--help']);
    expect(exitCode).toBe(0);
    for (const id of Object.keys(manifest.commands)) expect(stdout).toContain(id.split(':')[0]);
  });

  it('prints its version', async () => {
    const { stdout } = await poc(['--version']);
    expect(stdout).toMatch(/^poc2prod\/\d+\.\d+\.\d+ /);
  });

  it('answers an unknown command with exit 2 and a did-you-mean', async () => {
    const { exitCode, stderr } = await poc(['valdate']);
    expect(exitCode).toBe(2);
    expect(stderr).toContain('Did you mean "poc validate"?');
  });

  it('answers an unknown command under --json with the error envelope', async () => {
    const { exitCode, stdout } = await poc(['doctr', '--json']);
    expect(exitCode).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({
      status: 2,
      error: { code: 'UNKNOWN_COMMAND', hint: expect.stringContaining('poc doctor') },
    });
  });

  it('exits 2 outside a project without a stack trace', async () => {
    const { exitCode, stderr } = await poc(['validate'], tempDir());
    expect(exitCode).toBe(2);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('lets every flag of every command come from a POC_* variable', () => {
    const missing = Object.entries(manifest.commands).flatMap(([id, command]) =>
      Object.entries(command.flags)
        .filter(([name, flag]) => !['json', 'help'].includes(name) && !flag.env?.startsWith('POC_'))
        .map(([name]) => `${id} --${name}`),
    );
    expect(missing).toEqual([]);
  });
});
