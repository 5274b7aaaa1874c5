import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type { S3Client } from '@aws-sdk/client-s3';

import { EnvironmentError } from '../../core/errors.js';
import type { DataRemote } from '../../manifest/index.js';
import { withRetry } from '../retry.js';
import { hashingStream } from './hashing-stream.js';
import type { Remote } from './remote.js';
import { explainS3Error } from './s3-errors.js';

type S3Config = Extract<DataRemote, { type: 's3' }>;

/** Above this, objects go up in parts through lib-storage (parallel, and memory stays bounded). */
export const MULTIPART_THRESHOLD = 16 * 1024 * 1024;
const PART_SIZE = 8 * 1024 * 1024;

/**
 * S3 and S3-compatible servers. Checksums are only sent when an operation requires them
 * (WHEN_REQUIRED): MinIO, Ceph and s3rver differ in what they accept, and the SDK's default
 * aws-chunked trailer is stored as content by some of them. Integrity does not depend on the
 * server: single PUTs carry ChecksumSHA256 (real S3 rejects a mismatch) and every download is
 * re-hashed by poc.
 */
export class S3Remote implements Remote {
  readonly description: string;
  private client?: Promise<S3Client>;
  private readonly prefix: string;

  constructor(private readonly config: S3Config) {
    this.prefix = config.prefix ? `${config.prefix.replace(/\/+$/, '')}/` : '';
    this.description = `s3://${config.bucket}/${this.prefix}${config.endpoint ? ` (${config.endpoint})` : ''}`;
  }

  private s3(): Promise<S3Client> {
    // The SDK warns on Node < 22 about its own future releases, nine lines on every command;
    // poc2prod supports Node >= 20.19 with the SDK it ships, so the warning is not the user's to act on.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    this.client ??= import('@aws-sdk/client-s3').then(
      ({ S3Client: Client }) =>
        new Client({
          region: this.config.region,
          endpoint: this.config.endpoint,
          forcePathStyle: this.config.forcePathStyle,
          profile: this.config.profile,
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
          maxAttempts: 3,
        }),
    );
    return this.client;
  }

  /** Runs one S3 call with backoff on transient failures and our own error for known ones. */
  private async call<T>(
    work: (client: S3Client, sdk: typeof import('@aws-sdk/client-s3')) => Promise<T>,
  ): Promise<T> {
    const [client, sdk] = await Promise.all([this.s3(), import('@aws-sdk/client-s3')]);
    try {
      return await withRetry(() => work(client, sdk));
    } catch (error) {
      throw explainS3Error(error, this.config) ?? error;
    }
  }

  async list(prefix: string): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    let token: string | undefined;
    do {
      const page = await this.call((client, { ListObjectsV2Command }) =>
        client.send(
          new ListObjectsV2Command({
            Bucket: this.config.bucket,
            Prefix: this.prefix + prefix,
            ContinuationToken: token,
          }),
        ),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key) found.set(object.Key.slice(this.prefix.length), object.Size ?? 0);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found;
  }

  async putBytes(key: string, data: Buffer, sha256: string): Promise<void> {
    await this.call((client, { PutObjectCommand }) =>
      client.send(
        new PutObjectCommand({
          Bucket: this.config.bucket,
          Key: this.prefix + key,
          Body: data,
          ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
        }),
      ),
    );
  }

  async putFile(key: string, file: string, size: number, sha256: string): Promise<void> {
    if (size <= MULTIPART_THRESHOLD) return this.putBytes(key, await readFile(file), sha256);
    const [client, { Upload }] = await Promise.all([this.s3(), import('@aws-sdk/lib-storage')]);
    try {
      // Parts are retried by the SDK; a failed upload is aborted by lib-storage, so no key appears.
      await new Upload({
        client,
        params: { Bucket: this.config.bucket, Key: this.prefix + key, Body: createReadStream(file) },
        partSize: PART_SIZE,
        queueSize: 4,
      }).done();
    } catch (error) {
      throw explainS3Error(error, this.config) ?? error;
    }
  }

  async getBytes(key: string): Promise<Buffer | undefined> {
    try {
      return await this.call(async (client, { GetObjectCommand }) => {
        const answer = await client.send(
          new GetObjectCommand({ Bucket: this.config.bucket, Key: this.prefix + key }),
        );
        return Buffer.from(
          await (answer.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
        );
      });
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async getToFile(key: string, file: string): Promise<{ sha256: string; size: number }> {
    return this.call(async (client, { GetObjectCommand }) => {
      let answer;
      try {
        answer = await client.send(
          new GetObjectCommand({ Bucket: this.config.bucket, Key: this.prefix + key }),
        );
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') {
          throw new EnvironmentError(`Remote object ${key} is missing from ${this.description}.`, {
            code: 'DATA_REMOTE_MISSING',
          });
        }
        throw error;
      }
      const hasher = hashingStream();
      await pipeline(answer.Body as Readable, hasher, createWriteStream(file));
      return hasher.result();
    });
  }

  async deleteKeys(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      await this.call((client, { DeleteObjectsCommand }) =>
        client.send(
          new DeleteObjectsCommand({
            Bucket: this.config.bucket,
            Delete: { Objects: batch.map((key) => ({ Key: this.prefix + key })), Quiet: true },
          }),
        ),
      );
    }
  }
}
