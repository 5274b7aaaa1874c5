// Benchmarks for `poc data` (issue 7), side by side with peers in one run on this machine:
//   1. add of a 1 GiB file            vs sha256sum on the same file (budget: >= 90% of its throughput)
//   2. 1,000 x 100 KiB push and pull  vs `rclone copy --transfers 8` and `aws s3 sync` (8 concurrent
//                                      requests) against the same s3rver (budget: no slower)
//   3. 20,000 small files push/pull   vs the same peers (printed)
//   4. status and no-op push over 10,000 unchanged files (budget: <= 1 s each)
// poc is timed in-process (a library call, no process start); peers are timed as processes, and
// their bare start-up time is printed so the reader can see what it contributes.
// Sizes: BENCH_ADD_MIB (1024), BENCH_MEDIUM (1000), BENCH_SMALL (20000), BENCH_UNCHANGED (10000);
// 0 skips that part. BENCH_PEERS=0 times poc alone (e.g. BENCH_SMALL=100000 for the 100k claim).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { addData, checkoutData, dataStatus, pushData } from '../src/data/index.js';
import { parseManifest, type Manifest } from '../src/manifest/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADD_MIB = Number(process.env.BENCH_ADD_MIB ?? 1024);
const MEDIUM = Number(process.env.BENCH_MEDIUM ?? 1000);
const SMALL = Number(process.env.BENCH_SMALL ?? 20000);
const UNCHANGED = Number(process.env.BENCH_UNCHANGED ?? 10000);
const PEERS = process.env.BENCH_PEERS !== '0';
const BUCKET = 'bench';
// s3rver's fixed credentials, for poc (the AWS chain reads them from the environment) and the peers.
const creds = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' };
Object.assign(process.env, creds);
const work = mkdtempSync(join(tmpdir(), 'poc-bench-data-'));

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const fmt = (s: number) => `${s.toFixed(2)} s`;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return seconds(start);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const took = seconds(start);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return took;
}

function projectWith(remote: string, name: string): { dir: string; manifest: Manifest } {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'poc.yaml'), remote);
  const manifest = parseManifest(remote, 'poc.yaml').manifest as Manifest;
  return { dir, manifest };
}

function writeFiles(dir: string, count: number, size: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++)
    writeFileSync(join(dir, `f${String(i).padStart(6, '0')}.bin`), randomBytes(size));
}

async function benchAdd(): Promise<void> {
  const file = join(work, 'big', 'one-gib.bin');
  mkdirSync(join(work, 'big'), { recursive: true });
  const handle = await open(file, 'w');
  const chunk = randomBytes(16 * 1024 * 1024);
  for (let i = 0; i < ADD_MIB / 16; i++) await handle.write(chunk);
  await handle.close();
  const peer: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < 3; i++) {
    peer.push(run('sha256sum', [file]));
    const { dir, manifest } = projectWith('project:\n  name: bench\n', `add-${i}`);
    const local = join(dir, 'big.bin');
    spawnSync('cp', [file, local]);
    spawnSync('sync'); // the set-up copy's writeback must not land on either timed run
    ours.push(await timed(() => addData(dir, manifest, { paths: [local] })));
    rmSync(dir, { recursive: true, force: true });
    spawnSync('sync'); // nor ours on the next peer run
  }
  const ratio = median(peer) / median(ours);
  console.log(`\n1. add of a ${ADD_MIB} MiB file (median of 3; poc hashes and copies into .poc/cache)`);
  console.log(
    `   sha256sum ${fmt(median(peer))}   poc data add ${fmt(median(ours))}   throughput ratio ${(ratio * 100).toFixed(0)}% (budget >= 90%)`,
  );
  rmSync(join(work, 'big'), { recursive: true, force: true });
}

async function startS3rver(): Promise<{ endpoint: string; stop(): void }> {
  const dir = join(work, 's3rver');
  mkdirSync(dir);
  const child = spawn(process.execPath, [join(ROOT, 'test/helpers/s3rver-process.mjs'), dir, BUCKET], {
    env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) => {
    child.stdout.on('data', (c: Buffer) =>
      resolve((JSON.parse(c.toString().split('\n')[0] as string) as { port: number }).port),
    );
  });
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function benchTransfers(endpoint: string, label: string, count: number, size: number): Promise<void> {
  const awsConfig = join(work, 'aws-config');
  writeFileSync(awsConfig, '[default]\nregion = us-east-1\ns3 =\n  max_concurrent_requests = 8\n');
  // rclone refuses AWS_CA_BUNDLE on a plain-HTTP endpoint; the peers run without it.
  const { AWS_CA_BUNDLE: _ignored, ...base } = process.env;
  const peerEnv = {
    ...base,
    ...creds,
    AWS_CONFIG_FILE: awsConfig,
    RCLONE_CONFIG_S3_TYPE: 's3',
    RCLONE_CONFIG_S3_PROVIDER: 'Other',
    RCLONE_CONFIG_S3_ENV_AUTH: 'true',
    RCLONE_CONFIG_S3_ENDPOINT: endpoint,
    RCLONE_CONFIG_S3_FORCE_PATH_STYLE: 'true',
  };
  const source = join(work, `${label}-src`);
  writeFiles(join(source, 'data/set'), count, size);
  const yaml = (prefix: string) =>
    `project:\n  name: bench\ndata:\n  remote:\n    type: s3\n    bucket: ${BUCKET}\n    prefix: ${prefix}\n    endpoint: ${endpoint}\n    forcePathStyle: true\n`;
  const pushed = projectWith(yaml(`${label}-poc`), `${label}-poc`);
  rmSync(pushed.dir, { recursive: true });
  mkdirSync(pushed.dir, { recursive: true });
  writeFileSync(join(pushed.dir, 'poc.yaml'), yaml(`${label}-poc`));
  spawnSync('cp', ['-r', join(source, 'data'), pushed.dir]);
  await addData(pushed.dir, pushed.manifest, { paths: [join(pushed.dir, 'data/set')], name: 'set' }); // not timed: rclone does not hash ahead
  const pocPush = await timed(() => pushData(pushed.dir, pushed.manifest, { jobs: 8 }));
  const clone = projectWith(yaml(`${label}-poc`), `${label}-poc-clone`);
  writeFileSync(join(clone.dir, 'data.lock'), readFileSync(join(pushed.dir, 'data.lock')));
  const pocPull = await timed(() => checkoutData(clone.dir, clone.manifest, { fetch: true, jobs: 8 }));

  if (!PEERS) {
    console.log(
      `   ${label}: ${count} files of ${size / 1024} KiB: push poc ${fmt(pocPush)}, pull poc ${fmt(pocPull)} (peers not run)`,
    );
    return;
  }
  const rclonePush = run(
    'rclone',
    ['copy', '--transfers', '8', join(source, 'data/set'), `s3:${BUCKET}/${label}-rclone`],
    peerEnv,
  );
  const rclonePull = run(
    'rclone',
    ['copy', '--transfers', '8', `s3:${BUCKET}/${label}-rclone`, join(work, `${label}-rclone-pull`)],
    peerEnv,
  );
  const aws = (args: string[]) =>
    run('/usr/bin/aws', ['--endpoint-url', endpoint, 's3', ...args, '--only-show-errors'], peerEnv);
  const awsPush = aws(['sync', join(source, 'data/set'), `s3://${BUCKET}/${label}-aws`]);
  const awsPull = aws(['sync', `s3://${BUCKET}/${label}-aws`, join(work, `${label}-aws-pull`)]);
  const best = (a: number, b: number) => Math.min(a, b);
  console.log(`   ${label}: ${count} files of ${size / 1024} KiB`);
  console.log(
    `     push  poc ${fmt(pocPush)}   rclone ${fmt(rclonePush)}   aws ${fmt(awsPush)}   poc/best-peer ${(pocPush / best(rclonePush, awsPush)).toFixed(2)}x`,
  );
  console.log(
    `     pull  poc ${fmt(pocPull)}   rclone ${fmt(rclonePull)}   aws ${fmt(awsPull)}   poc/best-peer ${(pocPull / best(rclonePull, awsPull)).toFixed(2)}x`,
  );
  return void peerEnv;
}

async function benchUnchanged(endpoint: string): Promise<void> {
  const yaml = `project:\n  name: bench\ndata:\n  remote:\n    type: s3\n    bucket: ${BUCKET}\n    prefix: unchanged\n    endpoint: ${endpoint}\n    forcePathStyle: true\n`;
  const { dir, manifest } = projectWith(yaml, 'unchanged');
  writeFiles(join(dir, 'data/set'), UNCHANGED, 512);
  await addData(dir, manifest, { paths: [join(dir, 'data/set')], name: 'set' });
  await pushData(dir, manifest, { jobs: 8 });
  const status = await timed(() => dataStatus(dir, manifest));
  const noop = await timed(() => pushData(dir, manifest, { jobs: 8 }));
  console.log(
    `\n4. ${UNCHANGED} unchanged files: status ${fmt(status)}, no-op push (lists the remote) ${fmt(noop)} (budget <= 1 s each)`,
  );
}

const startup = {
  rclone: median([0, 1, 2].map(() => run('rclone', ['version']))),
  aws: median([0, 1, 2].map(() => run('/usr/bin/aws', ['--version']))),
};
console.log(`poc data benchmark in ${work}`);
console.log(
  `peer start-up (included in their times): rclone ${fmt(startup.rclone)}, aws ${fmt(startup.aws)}`,
);
try {
  if (ADD_MIB > 0) await benchAdd();
  const s3 = await startS3rver();
  try {
    console.log('\n2-3. push and pull against s3rver, 8 parallel transfers each');
    if (MEDIUM > 0) await benchTransfers(s3.endpoint, 'medium', MEDIUM, 100 * 1024);
    if (SMALL > 0) await benchTransfers(s3.endpoint, 'small', SMALL, 2 * 1024);
    if (UNCHANGED > 0) await benchUnchanged(s3.endpoint);
  } finally {
    s3.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
