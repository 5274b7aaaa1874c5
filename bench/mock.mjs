#!/usr/bin/env node
/* global performance, setTimeout */
// poc mock budgets (issue 9): ready in <= 1.5 s; the MQTT simulation sustains >= 5,000 messages/s
// across channels through the embedded broker, counted at a subscriber. Peers measured in the
// same run: a hand-rolled minimal mock (node + aedes + http, no contracts) for readiness, and the
// same simulation published through Debian's mosquitto for throughput. Needs `npm run build`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 7);
const CHANNELS = Number(process.env.CHANNELS ?? 40);
const RATE_HZ = Number(process.env.RATE_HZ ?? 250);
const WINDOW_S = Number(process.env.WINDOW_S ?? 5);

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function asyncapi(channels, rate) {
  const lines = ['asyncapi: 3.0.0', 'info: { title: bench, version: 1.0.0 }', 'channels:'];
  for (let i = 0; i < channels; i++) {
    lines.push(
      `  c${i}:`,
      `    address: plant/bench/sensor-${i}/value`,
      `    x-sample-rate-hz: ${rate}`,
      '    messages:',
      '      reading:',
      '        payload:',
      '          type: object',
      '          properties:',
      '            ts: { type: string, format: date-time }',
      '            value: { type: number, x-unit: bar, minimum: 0, maximum: 25 }',
      '            quality: { type: string, enum: [good, uncertain, bad] }',
    );
  }
  return `${lines.join('\n')}\n`;
}

async function project(channels, rate) {
  const dir = mkdtempSync(join(tmpdir(), 'poc-bench-mock-'));
  const rest = await freePort();
  const mqtt = await freePort();
  writeFileSync(join(dir, 'sensors.asyncapi.yaml'), asyncapi(channels, rate));
  writeFileSync(join(dir, 'mes.openapi.yaml'), readFixture('mes.openapi.yaml'));
  writeFileSync(
    join(dir, 'poc.yaml'),
    [
      'project: { name: bench }',
      'integrations:',
      `  - { name: mes, kind: rest, contract: mes.openapi.yaml, endpoints: { mock: "http://127.0.0.1:${rest}" } }`,
      `  - { name: sensors, kind: mqtt, contract: sensors.asyncapi.yaml, endpoints: { mock: "mqtt://127.0.0.1:${mqtt}" } }`,
      '',
    ].join('\n'),
  );
  return { dir, rest, mqtt };
}

function readFixture(name) {
  return readFileSync(join(root, 'test/fixtures/contracts', name), 'utf8');
}

/** ms from spawn until the process prints `marker` on stderr; the process is then stopped. */
function timeToReady(args, marker) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
      if (err.includes(marker)) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        child.kill('SIGINT');
        child.once('exit', () => resolve(ms));
      }
    });
    child.once('exit', (code) => {
      if (!err.includes(marker)) reject(new Error(`exited ${code} before ready: ${err}`));
    });
  });
}

const PEER_MOCK = `
const { Aedes } = await import('aedes');
const net = await import('node:net');
const http = await import('node:http');
const broker = await Aedes.createBroker();
await new Promise((r) => net.createServer(broker.handle).listen(0, '127.0.0.1', r));
await new Promise((r) => http.createServer((q, s) => s.end('{}')).listen(0, '127.0.0.1', r));
process.stderr.write('peer ready\\n');
process.on('SIGINT', () => process.exit(0));
`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU seconds (user + system) of a whole run, start to exit: immune to a loaded machine's queueing. */
function cpuSeconds(args) {
  const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const out = spawnSync('sh', ['-c', `'${process.execPath}' ${quoted} >/dev/null 2>&1; times`], {
    encoding: 'utf8',
  });
  // `times` prints the shell's, then its children's user and system time: "0m0.470s 0m0.060s"
  const line = out.stdout.trim().split('\n').pop() ?? '';
  const [user = 0, system = 0] = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map(
    (m) => Number(m[1]) * 60 + Number(m[2]),
  );
  return user + system;
}

async function readiness() {
  const { dir } = await project(4, 10);
  const poc = [];
  const peer = [];
  let cpu;
  let versionCpu;
  try {
    for (let i = 0; i < RUNS; i++) {
      poc.push(await timeToReady([join(root, 'bin/run.js'), 'mock', '--dir', dir], 'Mocks ready'));
      peer.push(await timeToReady(['--input-type=module', '-e', PEER_MOCK], 'peer ready'));
    }
    cpu = median(
      Array.from({ length: 3 }, () =>
        cpuSeconds([join(root, 'bin/run.js'), 'mock', '--dir', dir, '--duration', '1ms']),
      ),
    );
    versionCpu = median(Array.from({ length: 3 }, () => cpuSeconds([join(root, 'bin/run.js'), '--version'])));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { poc: median(poc), peer: median(peer), cpu, versionCpu };
}

async function throughput(brokerUrl) {
  const { startMocks } = await import(join(root, 'dist/contracts/index.js'));
  const { loadProject } = await import(join(root, 'dist/manifest/index.js'));
  const { connectAsync } = await import('mqtt');
  const { dir, mqtt } = await project(CHANNELS, RATE_HZ);
  const { root: projectRoot, manifest } = await loadProject(dir);
  const session = await startMocks(projectRoot, manifest, {
    only: ['sensors'],
    seed: 1,
    latencyMs: [0, 0],
    errorRate: 0,
    speed: 1,
    brokerUrl,
  });
  const subscriber = await connectAsync(brokerUrl ?? `mqtt://127.0.0.1:${mqtt}`);
  let count = 0;
  subscriber.on('message', () => count++);
  await subscriber.subscribeAsync('plant/bench/#', { qos: 0 });
  await new Promise((r) => setTimeout(r, 1000)); // warm-up
  const before = count;
  const start = performance.now();
  await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
  const rate = ((count - before) * 1000) / (performance.now() - start);
  await subscriber.endAsync();
  await session.stop();
  rmSync(dir, { recursive: true, force: true });
  return rate;
}

async function withMosquitto(fn) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'poc-bench-mosq-'));
  writeFileSync(join(dir, 'm.conf'), `listener ${port} 127.0.0.1\nallow_anonymous true\n`);
  const child = spawn('mosquitto', ['-c', join(dir, 'm.conf')], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  try {
    return await fn(`mqtt://127.0.0.1:${port}`);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const ready = await readiness();
  const [load] = loadavg();
  console.log(
    `poc mock ready (REST + MQTT, median of ${RUNS}, load average ${load.toFixed(1)} on ${cpus().length} cores): ${ready.poc.toFixed(0)} ms; minimal aedes+http peer ${ready.peer.toFixed(0)} ms; ratio ${(ready.poc / ready.peer).toFixed(2)}x; budget 1500 ms: ${ready.poc <= 1500 ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `CPU of a whole poc mock run (start, ready, stop): ${(ready.cpu * 1000).toFixed(0)} ms; of poc --version: ${(ready.versionCpu * 1000).toFixed(0)} ms`,
  );
  const declared = CHANNELS * RATE_HZ;
  const embedded = await throughput(undefined);
  const viaMosquitto = await withMosquitto((url) => throughput(url)).catch(() => undefined);
  console.log(
    `MQTT simulation, ${CHANNELS} channels x ${RATE_HZ} Hz = ${declared} msg/s declared, at a subscriber over ${WINDOW_S} s: embedded aedes ${embedded.toFixed(0)} msg/s` +
      (viaMosquitto === undefined
        ? ''
        : `; via mosquitto ${viaMosquitto.toFixed(0)} msg/s (ratio ${(embedded / viaMosquitto).toFixed(2)}x)`) +
      `; budget 5000 msg/s: ${embedded >= 5000 ? 'PASS' : 'FAIL'}`,
  );
  if (ready.poc > 1500 || embedded < 5000) process.exitCode = 1;
}

if (!existsSync(join(root, 'dist/contracts/index.js'))) {
  console.error('bench/mock: run "npm run build" first (it measures the built CLI).');
  process.exitCode = 4;
} else {
  await main();
}
