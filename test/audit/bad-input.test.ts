import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import Audit from '../../src/commands/audit.js';
import { runAudit } from '../../src/audit/index.js';
import { runCommand } from '../helpers/run-command.js';
import { tempDir } from '../helpers/temp-dir.js';
import { audit, finding } from './helpers.js';
import { addFiles, addSymlink, flaskApp } from './repos.js';

describe('bad input', () => {
  it('a path that is not a directory, or does not exist, is exit 2 with a hint', async () => {
    const root = flaskApp();
    for (const [path, words] of [
      [join(root, 'app.py'), 'is not a directory'],
      [join(root, 'missing'), 'does not exist'],
    ] as const) {
      const out = await runCommand(Audit, [path, '--json']);
      expect(out.exitCode).toBe(2);
      expect(out.json?.error).toMatchObject({
        code: 'NOT_A_DIRECTORY',
        message: expect.stringContaining(words),
        hint: expect.stringContaining('poc audit'),
      });
    }
    await expect(runAudit(join(root, 'app.py'))).rejects.toThrow('is not a directory');
  });

  it('malformed YAML and JSON in the audited repository are findings at their line, not crashes', async () => {
    const root = flaskApp();
    addFiles(root, {
      'config/settings.yaml': 'model:\n  threshold: 0.8\n  path: [unclosed\n',
      'config/labels.json': '{\n  "good": 0,\n  "bad": 1,\n}\n',
      'poc.yaml': 'project:\n  name: [broken\n',
    });
    const result = await audit(root);
    const parse = finding(result, 'OPS-008');
    expect(parse.status).toBe('fail');
    expect(parse.evidence.map((item) => item.file)).toEqual([
      'config/labels.json',
      'config/settings.yaml',
      'poc.yaml',
    ]);
    expect(parse.evidence.find((item) => item.file === 'config/settings.yaml')!.line).toBeGreaterThanOrEqual(
      3,
    );
    expect(parse.evidence.find((item) => item.file === 'config/labels.json')!.line).toBe(4);
    expect(finding(result, 'OPS-007')).toMatchObject({ status: 'fail', location: { file: 'poc.yaml' } });
    expect(result.project.manifest).toBe(true);
  });

  it('a YAML alias bomb in poc.yaml or a manifest is a finding, not a hang or a crash', async () => {
    const root = flaskApp();
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`),
    ].join('\n');
    addFiles(root, {
      'poc.yaml': `${bomb}\n`,
      'k8s/bomb.yaml': `apiVersion: v1\nkind: ConfigMap\n${bomb}\n`,
    });
    const result = await audit(root);
    expect(finding(result, 'OPS-007')).toMatchObject({ status: 'fail', location: { file: 'poc.yaml' } });
  });

  it('broken symlinks and symlink loops are skipped and noted', async () => {
    const root = flaskApp();
    addSymlink(root, 'dangling.yaml', 'does-not-exist.yaml');
    addSymlink(root, 'loop-a', 'loop-b');
    addSymlink(root, 'loop-b', 'loop-a');
    addSymlink(root, 'self/again', '..');
    const result = await audit(root);
    expect(result.scanned.skipped).toEqual(
      expect.arrayContaining([
        { file: 'dangling.yaml', reason: 'broken-symlink' },
        { file: 'loop-a', reason: 'symlink-loop' },
        { file: 'loop-b', reason: 'symlink-loop' },
      ]),
    );
    expect(result.findings.length).toBeGreaterThanOrEqual(40);
  });

  it('binary and huge files are skipped, noted, and still counted for size', async () => {
    const root = flaskApp();
    addFiles(root, {
      'weights.bin.dat': Buffer.from([0x00, 0x01, 0x02, 0x00, 0xff]),
      'model.onnx': Buffer.from([0x08, 0x07]),
      'logs/huge.log': 'x'.repeat(1024 * 1024 + 1),
    });
    const result = await audit(root);
    expect(result.scanned.skipped).toEqual(
      expect.arrayContaining([
        { file: 'weights.bin.dat', reason: 'binary' },
        { file: 'model.onnx', reason: 'binary' },
        { file: 'logs/huge.log', reason: 'too-large' },
      ]),
    );
  });

  it('an unreadable file is skipped and noted (needs a non-root user)', async (context) => {
    if (process.getuid?.() === 0) context.skip(); // root reads mode-000 files; nothing to test then
    const root = flaskApp();
    writeFileSync(join(root, 'secret-notes.md'), 'private');
    chmodSync(join(root, 'secret-notes.md'), 0o000);
    const result = await audit(root);
    expect(result.scanned.skipped).toContainEqual({ file: 'secret-notes.md', reason: 'unreadable' });
  });

  it('an empty directory is audited: every gap anchored to a file the fix would create', async () => {
    const result = await audit(tempDir());
    expect(result.score).toBe(0);
    expect(finding(result, 'OPS-001').location).toEqual({ file: 'README.md', line: 1 });
  });
});
