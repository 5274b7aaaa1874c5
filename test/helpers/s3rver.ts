import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface S3rverHandle {
  endpoint: string;
  directory: string;
  /** Credentials s3rver accepts, for the AWS default chain in the child env or process.env. */
  env: Record<string, string | undefined>;
  stop(): Promise<void>;
}

const script = fileURLToPath(new URL('./s3rver-process.mjs', import.meta.url));

/**
 * A real S3 protocol server in a child process on 127.0.0.1 and a free port, with the given
 * buckets. Its own process keeps the legacy OpenSSL provider away from the tests' process.
 */
export async function startS3rver(buckets: string[]): Promise<S3rverHandle> {
  const directory = mkdtempSync(join(tmpdir(), 'poc-s3rver-'));
  const child: ChildProcess = spawn(process.execPath, [script, directory, ...buckets], {
    env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code} before listening`)));
    setTimeout(() => reject(new Error('s3rver did not start within 30 s')), 30_000).unref();
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    env: {
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_SESSION_TOKEN: undefined,
      AWS_PROFILE: undefined,
      AWS_CONFIG_FILE: join(directory, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(directory, 'no-aws-credentials'),
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
