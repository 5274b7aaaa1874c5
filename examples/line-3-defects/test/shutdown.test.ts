import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCase } from '../src/features/index.js';
import { eventually } from './helpers/broker.js';

/** POST a body in two halves, running `between` after the first: the request is in flight. */
function slowPost(
  port: number,
  body: string,
  between: () => void,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/predict',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    // Generous pauses: on a loaded machine the server must have read the headers before the
    // signal, or the request would not be in flight yet.
    setTimeout(() => {
      between();
      setTimeout(() => req.end(body.slice(half)), 500);
    }, 1_000);
  });
}

describe('the server process', () => {
  it('drains an in-flight request on SIGTERM, then exits cleanly', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'poc-shutdown-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', POC_DATA_DIR: dataDir, MQTT_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    child.stdout.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await eventually(() => /model loaded and warmed up/.test(logs));
      const port = Number(/listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(logs)?.[1]);
      const response = await slowPost(port, JSON.stringify(useCase.example), () => child.kill('SIGTERM'));
      expect(response.status).toBe(200);
      const { predictionId } = JSON.parse(response.text);
      expect(await exited).toBe(0);
      expect(logs).toContain('"msg":"stopped"');
      const predictions = await readFile(join(dataDir, 'predictions', 'predictions.jsonl'), 'utf8');
      expect(predictions).toContain(predictionId);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
