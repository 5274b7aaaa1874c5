/**
 * npm run load-test -- [--rate 100] [--duration 20] [--url http://host:8080] [--budget 0.5]
 *                      [--endpoint predict|healthz]
 *
 * Open-rate HTTP load against POST /v1/predict with the use case's example input, checked
 * against the SLA in poc.yaml: the SLA percentile must stay within `budget` x the bound (half
 * by default, leaving headroom for the plant's network and noisy neighbours) with zero errors.
 * Without --url it starts the server (src/server.ts) in a child process on a free port, so the
 * load generator does not share the server's event loop. Prints one JSON line; exit 1 on a miss.
 * `--endpoint healthz` loads the bare HTTP stack instead: the baseline the model path adds to.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { useCase } from '../src/features/index.js';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '100' },
    duration: { type: 'string', default: '20' },
    url: { type: 'string' },
    budget: { type: 'string', default: '0.5' },
    connections: { type: 'string', default: '10' },
    endpoint: { type: 'string', default: 'predict' },
  },
});
const rate = Number(values.rate);
const duration = Number(values.duration);
const budget = Number(values.budget);

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * The server's own view: the upper bound of the histogram bucket holding the percentile of
 * poc_http_request_duration_seconds for the route (time inside the app, without the client,
 * the network and the machine's scheduling of the load generator).
 */
export async function serverPercentileMs(url: string, route: string, p: number): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const buckets: [number, number][] = [];
  for (const line of text.split('\n')) {
    const match = /^poc_http_request_duration_seconds_bucket\{le="([^"]+)",route="([^"]+)"\} (\d+)/.exec(
      line,
    );
    if (match && match[2] === route)
      buckets.push([match[1] === '+Inf' ? Infinity : Number(match[1]), Number(match[3])]);
  }
  const total = buckets.find(([le]) => le === Infinity)?.[1] ?? 0;
  const bucket = buckets.find(([, count]) => count >= (p / 100) * total);
  return total === 0 || !bucket ? undefined : bucket[0] * 1000;
}

async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      POC_DATA_DIR: dataDir,
      MQTT_URL: '',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let logs = '';
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${logs}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
      const port = /listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(logs)?.[1];
      if (port && /model loaded and warmed up/.test(logs))
        resolve({ url: `http://127.0.0.1:${port}`, child });
      if (/model not loaded/.test(logs)) reject(new Error(`the server is not ready:\n${logs}`));
    });
  });
}

async function main(): Promise<void> {
  const config = await loadConfig(process.cwd(), {});
  const dataDir = await mkdtemp(join(tmpdir(), 'poc-load-'));
  const server = values.url ? undefined : await startServer(dataDir);
  const url = values.url ?? server!.url;
  const latencies: number[] = [];
  try {
    let finish: (result: autocannon.Result) => void = () => undefined;
    let fail: (error: unknown) => void = () => undefined;
    const done = new Promise<autocannon.Result>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    const instance = autocannon(
      {
        ...(values.endpoint === 'healthz'
          ? { url: `${url}/healthz`, method: 'GET' as const }
          : {
              url: `${url}/v1/predict`,
              method: 'POST' as const,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(useCase.example),
            }),
        overallRate: rate,
        connections: Number(values.connections),
        duration,
      },
      (error, result) => (error ? fail(error) : finish(result)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
      latencies.push(responseTime),
    );
    const result = await done;
    latencies.sort((a, b) => a - b);
    const boundMs = config.sla.boundMs;
    const slaPercentile = config.sla.percentile;
    const observed = percentile(latencies, slaPercentile);
    const errors = result.errors + result.timeouts + result.non2xx;
    const report = {
      url,
      endpoint: values.endpoint,
      targetRate: rate,
      achievedRate: Math.round((result.requests.total / duration) * 10) / 10,
      requests: result.requests.total,
      errors,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
      sla: `p${slaPercentile} <= ${boundMs} ms`,
      budgetMs: boundMs * budget,
      [`p${slaPercentile}Ms`]: observed,
      [`serverP${slaPercentile}AtMostMs`]: await serverPercentileMs(
        url,
        values.endpoint === 'healthz' ? '/healthz' : '/v1/predict',
        slaPercentile,
      ).catch(() => undefined),
      pass: errors === 0 && latencies.length > 0 && observed <= boundMs * budget,
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    if (!report.pass) process.exitCode = 1;
  } finally {
    server?.child.removeAllListeners('exit');
    server?.child.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`load-test: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
