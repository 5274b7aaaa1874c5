import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

import { ROOT } from '../helpers/run-command.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * A child process applies a large plan and is sent SIGINT as soon as its staging directory
 * appears. Whatever moment the signal lands, the parent directory must then hold no staging
 * directory and either nothing or the complete project, never a partial one.
 */
const script = `
import { applyPlan } from ${JSON.stringify(join(ROOT, 'src/scaffold/index.ts'))};
const files = Array.from({ length: 4000 }, (_, i) => ({
  path: 'd' + (i % 40) + '/f' + i + '.txt', content: Buffer.alloc(4096, 97), mode: 0o644, source: 'test',
}));
await applyPlan({ name: 'p', templateVersion: '0', files }, process.env.TARGET);
`;

it('an interrupted init leaves no staging directory and no partial project', async () => {
  const parent = tempDir();
  const target = join(parent, 'project');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, TARGET: target },
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let sent = false;
  while (!sent) {
    const staging = readdirSync(parent).some((name) => name.startsWith('.project.poc-init-'));
    if (staging || existsSync(target) || child.exitCode !== null) {
      sent = child.kill('SIGINT');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const { signal } = await exited;
  expect(stderr).toBe('');
  const left = readdirSync(parent);
  expect(left.filter((name) => name.startsWith('.'))).toEqual([]);
  if (left.includes('project')) {
    // The signal came while moving into place, which finishes first: the project is complete.
    expect(readdirSync(target).length).toBe(40);
    expect(readdirSync(target).reduce((sum, dir) => sum + readdirSync(join(target, dir)).length, 0)).toBe(
      4000,
    );
  } else {
    expect(left).toEqual([]);
    expect(signal).toBe('SIGINT');
  }
});
