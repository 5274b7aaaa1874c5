import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

import { S3Remote } from '../../src/data/remotes/s3-remote.js';
import { mapLimit } from '../../src/data/pool.js';
import { startS3rver, type S3rverHandle } from '../helpers/s3rver.js';
import { bytes, data, project } from './support/project.js';
import { finished, spawnData } from './support/spawn-data.js';

const BUCKET = 'poc-data';
let s3: S3rverHandle;
let saved: Record<string, string | undefined>;
let client: S3Client;

beforeAll(async () => {
  s3 = await startS3rver([BUCKET]);
  saved = Object.fromEntries(Object.keys(s3.env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(s3.env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}, 60_000);

afterAll(async () => {
  for (const [k, v] of Object.entries(saved ?? {})) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await s3?.stop();
});

const s3Project = (prefix: string, files: Record<string, string | Buffer> = {}) =>
  project({ type: 's3', bucket: BUCKET, endpoint: s3.endpoint, prefix }, files);

const remoteOf = (prefix: string) =>
  new S3Remote({
    type: 's3',
    bucket: BUCKET,
    prefix,
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
  });

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && a.equals(b);

describe('poc data against a real S3 protocol server (s3rver)', () => {
  it('pushes small files in packs and a large file by multipart upload, and pulls them back verified', async () => {
    const files: Record<string, Buffer> = { 'data/images/large.bin': bytes(17 * 1024 * 1024 + 123, 42) };
    for (let i = 0; i < 30; i++) files[`data/images/small/${i}.png`] = bytes(3000 + i, i + 7);
    const dir = s3Project('roundtrip', files);
    expect((await data('add', dir, ['data/images', '--name', 'images'])).exitCode).toBe(0);
    const push = await data('push', dir, ['--json', '--verify']);
    expect(push.exitCode, push.stderr).toBe(0);
    expect(push.json?.result).toMatchObject({ uploaded: { objects: 1, packs: 1 }, verified: 3 });

    const keys = await remoteOf('roundtrip').list('');
    expect([...keys.values()]).toContain(17 * 1024 * 1024 + 123); // the multipart object, whole
    expect((await data('push', dir, ['--json'])).json?.result).toMatchObject({
      datasets: [{ upToDate: true }],
    });

    const clone = s3Project('roundtrip');
    writeFileSync(join(clone, 'data.lock'), readFileSync(join(dir, 'data.lock')));
    const pull = await data('pull', clone, ['--json']);
    expect(pull.exitCode, pull.stderr).toBe(0);
    for (const [path, content] of Object.entries(files))
      expect(sameBytes(readFileSync(join(clone, path)), content), path).toBe(true);
    expect((await data('status', clone, ['--remote'])).exitCode).toBe(0);
  });

  it('lists past 1,000 keys (continuation tokens)', async () => {
    const remote = remoteOf('listing');
    const keys = Array.from({ length: 1050 }, (_, i) => `k/${String(i).padStart(5, '0')}`);
    await mapLimit(keys, 16, (key) => remote.putBytes(key, Buffer.from(key), ''));
    const listed = await remote.list('k/');
    expect(listed.size).toBe(1050);
    expect(listed.get('k/01049')).toBe(7);
  });

  it('rejects a tampered remote object on pull by its key, leaving workspace and cache untouched', async () => {
    const dir = s3Project('tamper', {
      'data/d/small.txt': 'original',
      'data/d/big.bin': bytes(300 * 1024, 3),
    });
    await data('add', dir, ['data/d', '--name', 'd']);
    expect((await data('push', dir)).exitCode).toBe(0);
    const keys = [...(await remoteOf('tamper').list('')).keys()];
    const pack = keys.find((k) => k.endsWith('.pack')) as string;
    const original = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `tamper/${pack}` }));
    const body = Buffer.from(
      await (original.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    const tampered = Buffer.from(body.toString().replace('original', 'tampered'));
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `tamper/${pack}`, Body: tampered }));

    const verify = await data('verify', dir, ['--remote']);
    expect(verify.exitCode).toBe(1);
    expect(verify.stdout).toContain(`${pack}: content does not match its hash`);

    const clone = s3Project('tamper', { 'data/d/small.txt': 'my local copy' });
    writeFileSync(join(clone, 'data.lock'), readFileSync(join(dir, 'data.lock')));
    const pull = await data('pull', clone, ['--force']);
    expect(pull.exitCode).toBe(1);
    expect(pull.stderr).toContain(`Remote object ${pack} is corrupt`);
    expect(readFileSync(join(clone, 'data/d/small.txt'), 'utf8')).toBe('my local copy');
    expect(existsSync(join(clone, 'data/d/big.bin'))).toBe(false);
    // Nothing from the rejected pack entered the cache (the tree and the large object may have).
    const cached = readdirSync(join(clone, '.poc/cache/objects/sha256'), { recursive: true }).filter(
      (p) => String(p).length > 3,
    );
    expect(cached.length).toBeLessThanOrEqual(2);
    expect((await data('verify', clone)).stdout).toMatch(/small\.txt is not in the cache/);
  });

  it('resumes a push whose process was killed mid-transfer; nothing claimed pushed in between', async () => {
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 40; i++) files[`data/big/${i}.bin`] = bytes(300 * 1024, i + 100);
    const dir = s3Project('killed', files);
    await data('add', dir, ['data/big', '--name', 'big']);
    const remote = remoteOf('killed');
    const child = spawnData('push', ['--jobs', '1', '--dir', dir]);
    const done = finished(child);
    let uploaded = 0;
    for (let i = 0; i < 600 && uploaded < 5; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      uploaded = [...(await remote.list('objects/')).keys()].length;
    }
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');
    const between = await remote.list('');
    expect([...between.keys()].some((k) => k.startsWith('commits/'))).toBe(false);
    expect(between.size).toBeGreaterThanOrEqual(5);
    expect(between.size).toBeLessThan(40);
    const status = await data('status', dir, ['--remote', '--json']);
    expect(status.json?.result).toMatchObject({ datasets: [{ pushed: false }] });

    const resume = await data('push', dir, ['--json']);
    expect(resume.exitCode, resume.stderr).toBe(0);
    const uploadedOnResume =
      (resume.json?.result as { datasets: Array<{ uploadFiles: number }> }).datasets[0]?.uploadFiles ?? 0;
    expect(uploadedOnResume).toBe(40 - [...between.keys()].filter((k) => k.startsWith('objects/')).length);
    expect((await data('status', dir, ['--remote'])).exitCode).toBe(0);
  }, 180_000);

  it('explains a missing bucket with a hint, exit 4', async () => {
    const dir = project({ type: 's3', bucket: 'no-such-bucket', endpoint: s3.endpoint }, { 'a.txt': 'a' });
    await data('add', dir, ['a.txt']);
    const { exitCode, stderr } = await data('push', dir);
    expect(exitCode).toBe(4);
    expect(stderr).toContain('S3 bucket no-such-bucket does not exist at http://127.0.0.1:');
    expect(stderr).toContain('aws s3 mb s3://no-such-bucket --endpoint-url');
  });

  it('reports bad credentials as exit 4 without printing any secret', async () => {
    const dir = s3Project('auth', { 'a.txt': 'a' });
    await data('add', dir, ['a.txt']);
    // s3rver checks the access key but not a V4 signature's secret, so the wrong key stands in for
    // every refusal; the second case has no credentials anywhere in the AWS chain.
    for (const env of [
      { AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNKEY000000', AWS_SECRET_ACCESS_KEY: 'wrong-secret-1234567890' },
      { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_EC2_METADATA_DISABLED: 'true' },
    ]) {
      const { exitCode, stderr, stdout } = await data('push', dir, ['--json'], env);
      expect(exitCode, stdout).toBe(4);
      expect(JSON.parse(stdout).error.code).toBe('DATA_REMOTE_AUTH');
      expect(stdout + stderr).not.toContain('wrong-secret-1234567890');
    }
  });
});
