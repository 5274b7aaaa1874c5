import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import PromoteLog from '../../src/commands/promote/log.js';
import Promote from '../../src/commands/promote/index.js';
import PromoteStatus from '../../src/commands/promote/status.js';
import { appendLedger, readLedger } from '../../src/promote/ledger.js';
import { runCommand } from '../helpers/run-command.js';
import { tempDir } from '../helpers/temp-dir.js';
import { createProject } from './helpers/project.js';

const approval = (actor: string) => ({
  kind: 'approval' as const,
  env: 'production',
  bundle: `sha256:${'1'.repeat(64)}`,
  actor,
  evidence: {},
});

/** A project with a ledger of three approvals, enough to tamper with. */
async function ledgerProject(): Promise<string> {
  const dir = tempDir({ 'poc.yaml': 'project:\n  name: line-3\n' });
  for (const actor of ['Ann', 'Bob', 'Cyd']) await appendLedger(dir, approval(actor));
  return dir;
}

const ledgerFile = (dir: string) => join(dir, '.poc', 'ledger.jsonl');
const lines = (dir: string) => readFileSync(ledgerFile(dir), 'utf8').trimEnd().split('\n');

describe('the promotion ledger', { timeout: 240_000 }, () => {
  it('chains each entry to the one before and verifies', async () => {
    const dir = await ledgerProject();
    const { entries, problems } = await readLedger(dir);
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[1]!.prev).toBe(entries[0]!.hash);
    const { exitCode, stdout } = await runCommand(PromoteLog, ['--dir', dir, '--verify']);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('.poc/ledger.jsonl: chain of 3 entries verified.');
  });

  it('detects an edited entry and names it; log --verify exits 1', async () => {
    const dir = await ledgerProject();
    const edited = lines(dir);
    edited[1] = edited[1]!.replace('"Bob"', '"Eve"');
    writeFileSync(ledgerFile(dir), `${edited.join('\n')}\n`);
    const { exitCode, stdout, json } = await runCommand(PromoteLog, ['--dir', dir, '--verify', '--json']);
    expect(exitCode).toBe(1);
    expect(stdout).not.toBe('');
    expect((json?.result as { problems: unknown[] }).problems).toEqual([
      { line: 2, seq: 2, message: 'was altered after it was written (its hash does not match its content)' },
    ]);
  });

  it('detects a removed entry', async () => {
    const dir = await ledgerProject();
    const [a, , c] = lines(dir);
    writeFileSync(ledgerFile(dir), `${a}\n${c}\n`);
    const { problems } = await readLedger(dir);
    expect(problems.map((p) => p.message)).toEqual([
      'has seq 3, expected 2 (an entry was removed or reordered)',
      'does not chain to the entry before it (prev hash differs)',
    ]);
  });

  it('detects a torn line and keeps checking what follows', async () => {
    const dir = await ledgerProject();
    const torn = lines(dir);
    torn[0] = torn[0]!.slice(0, 40);
    writeFileSync(ledgerFile(dir), `${torn.join('\n')}\n`);
    const { problems } = await readLedger(dir);
    expect(problems[0]).toEqual({ line: 1, message: 'is not valid JSON (truncated or edited)' });
    expect(problems[1]).toMatchObject({
      line: 2,
      message: 'does not chain to the entry before it (prev hash differs)',
    });
  });

  it('refuses to promote, or show status, on a corrupted ledger, naming the broken entry (exit 2)', async () => {
    const project = createProject();
    expect(
      (await runCommand(Promote, ['staging', '--dir', project.root], { env: project.env })).exitCode,
    ).toBe(0);
    const file = ledgerFile(project.root);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"result":"succeeded"', '"result":"failed"'));
    const promote = await runCommand(Promote, ['staging', '--dir', project.root], { env: project.env });
    expect(promote.exitCode).toBe(2);
    expect(promote.stderr).toContain(
      'The promotion ledger .poc/ledger.jsonl is corrupted: line 1 (entry 1) was altered after it was written',
    );
    expect(promote.stderr).toContain('Nothing was changed.');
    expect(project.helmCalls().filter((argv) => argv[0] === 'upgrade')).toHaveLength(2);
    const status = await runCommand(PromoteStatus, ['--dir', project.root], { env: project.env });
    expect(status.exitCode).toBe(2);
    expect(status.stderr).toContain('is corrupted: line 1 (entry 1)');
  });
});
