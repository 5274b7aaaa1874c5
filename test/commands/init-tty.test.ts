import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

import { ROOT } from '../helpers/run-command.js';
import { tempDir } from '../helpers/temp-dir.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

/**
 * The real @inquirer/prompts conversation on a pseudo-terminal (util-linux `script` allocates
 * it): a person types a name at the first question and presses Enter at every other one.
 * Enter is sent whenever the output has been quiet for a moment, i.e. a question is waiting.
 */
it.runIf(hasScript)(
  'asks every question on a terminal and creates the project from the answers',
  async () => {
    const cwd = tempDir();
    const runner = join(cwd, 'run-init.mjs');
    writeFileSync(
      runner,
      `const { default: Init } = await import(${JSON.stringify(join(ROOT, 'src/commands/init.ts'))});\n` +
        `await Init.run(['--no-git'], ${JSON.stringify(ROOT)});\n`,
    );
    const tsx = import.meta.resolve('tsx');
    const command = `${JSON.stringify(process.execPath)} --import ${JSON.stringify(tsx)} ${JSON.stringify(runner)}`;
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let typedName = false;
    let timer: NodeJS.Timeout | undefined;
    const answerWhenQuiet = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (child.exitCode !== null) return;
        child.stdin.write(typedName ? '\r' : 'Line 9\r');
        typedName = true;
        answerWhenQuiet();
      }, 700);
    };
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
      answerWhenQuiet();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    clearTimeout(timer);
    // eslint-disable-next-line no-control-regex -- strips the terminal's escape sequences
    const plain = output.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
    expect(code, plain).toBe(0);
    for (const question of [
      'Project name',
      'Use case',
      'Plant systems to integrate',
      'CI provider',
      'Escalation contact',
    ]) {
      expect(plain).toContain(question);
    }
    expect(plain).toContain('normalised to "line-9"');
    const manifest = readFileSync(join(cwd, 'line-9', 'poc.yaml'), 'utf8');
    expect(manifest).toContain('useCase: quality-inspection');
    expect(manifest).toContain('contract: contracts/mes.openapi.yaml');
    expect(existsSync(join(cwd, 'line-9', '.github', 'workflows', 'ci.yml'))).toBe(true);
  },
  120_000,
);
