#!/usr/bin/env node
// Startup budget (DESIGN.md): `poc --version` and `poc --help` within 1.3x of a bare one-command
// @oclif/core CLI. Both run from the same node_modules, interleaved, and the medians are compared.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.env.RUNS ?? 21);

function bareCli() {
  const dir = mkdtempSync(join(tmpdir(), 'bare-oclif-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'commands'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const pjson = {
    name: 'bare',
    version: '1.0.0',
    type: 'module',
    oclif: { bin: 'bare', dirname: 'bare', commands: './commands' },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pjson));
  writeFileSync(
    join(dir, 'bin/run.js'),
    "import {execute} from '@oclif/core'\nawait execute({dir: import.meta.url})\n",
  );
  writeFileSync(
    join(dir, 'commands/hello.js'),
    "import {Command} from '@oclif/core'\nexport default class Hello extends Command {\n  static summary = 'Say hello.'\n  async run() { this.log('hello') }\n}\n",
  );
  return dir;
}

function time(bin, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const bare = bareCli();
try {
  const clis = { poc: join(root, 'bin/run.js'), bare: join(bare, 'bin/run.js') };
  console.log(`startup: median of ${runs} interleaved runs (ms)`);
  console.log('command     poc      bare     ratio');
  let worst = 0;
  for (const args of [['--version'], ['--help']]) {
    const samples = { poc: [], bare: [] };
    time(clis.poc, args); // warm the file cache for both
    time(clis.bare, args);
    for (let i = 0; i < runs; i++)
      for (const name of ['poc', 'bare']) samples[name].push(time(clis[name], args));
    const ratio = median(samples.poc) / median(samples.bare);
    worst = Math.max(worst, ratio);
    console.log(
      `${args[0].padEnd(10)}  ${median(samples.poc).toFixed(1).padStart(6)}  ${median(samples.bare).toFixed(1).padStart(7)}  ${ratio.toFixed(2).padStart(6)}`,
    );
  }
  console.log(
    `worst ratio ${worst.toFixed(2)} (budget 1.30): ${worst <= 1.3 ? 'within budget' : 'OVER BUDGET'}`,
  );
  process.exitCode = worst <= 1.3 ? 0 : 1;
} finally {
  rmSync(bare, { recursive: true, force: true });
}
