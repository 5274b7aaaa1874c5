import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchMarkers, targetFromEnv } from '../src/feedback/retraining-dispatch.js';
import { RetrainingTrigger, type TriggerEvent } from '../src/feedback/retraining-trigger.js';

const event: TriggerEvent = {
  project: 'p',
  modelVersion: '1.0.0',
  reason: 'rolling accuracy 0.71 < 0.9 over 500 feedback items',
  accuracy: 0.71,
  minAccuracy: 0.9,
  window: 500,
  at: '2026-01-01T00:00:00.000Z',
};

interface Received {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

// GitHub's and GitLab's APIs cannot be reached from the tests: a local HTTP server stands in for
// them, answering with the status each API documents (204 for a dispatch, 201 for a trigger).
async function fakeCi(status: () => number): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body });
      response.statusCode = status();
      response.end(response.statusCode >= 400 ? '{"message":"Bad credentials"}' : '');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

describe('retraining dispatch', () => {
  let dataDir: string;
  let server: Server | undefined;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'poc-dispatch-'));
  });
  afterEach(async () => {
    server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const fire = (at: number) => new RetrainingTrigger({ dataDir, cooldownMs: 0 }).fire(event, at);

  it('sends each marker to GitHub as a repository_dispatch, once, and keeps refused ones for the next run', async () => {
    await fire(Date.parse('2026-01-01T00:00:00Z'));
    await fire(Date.parse('2026-01-02T00:00:00Z'));
    let answers = [204, 401];
    const ci = await fakeCi(() => answers.shift() ?? 204);
    server = ci.server;
    const target = targetFromEnv({
      GITHUB_REPOSITORY: 'acme/line-3',
      GITHUB_TOKEN: 't0k',
      GITHUB_API_URL: ci.url,
    });

    const first = await dispatchMarkers(dataDir, target);
    expect(first.dispatched).toHaveLength(1);
    expect(first.failed).toEqual([
      { marker: expect.stringMatching(/^requested-2026-01-02/), error: expect.stringContaining('401') },
    ]);
    expect(ci.received[0]).toMatchObject({ method: 'POST', url: '/repos/acme/line-3/dispatches' });
    expect(ci.received[0]!.headers.authorization).toBe('Bearer t0k');
    expect(JSON.parse(ci.received[0]!.body)).toEqual({
      event_type: 'retraining-requested',
      client_payload: event,
    });

    answers = [204];
    const second = await dispatchMarkers(dataDir, target);
    expect(second).toEqual({ dispatched: [first.failed[0]!.marker], failed: [] });
    expect(await dispatchMarkers(dataDir, target)).toEqual({ dispatched: [], failed: [] });
    expect(ci.received).toHaveLength(3);
    expect((await readdir(join(dataDir, 'retraining', 'dispatched'))).sort()).toHaveLength(2);
  });

  it('triggers a GitLab pipeline with POC_RETRAIN=true and the reason', async () => {
    await fire(Date.parse('2026-01-01T00:00:00Z'));
    const ci = await fakeCi(() => 201);
    server = ci.server;
    const target = targetFromEnv({
      CI_PROJECT_ID: 'acme/line-3',
      GITLAB_TRIGGER_TOKEN: 'glptt',
      CI_API_V4_URL: ci.url,
    });
    expect((await dispatchMarkers(dataDir, target)).dispatched).toHaveLength(1);
    expect(ci.received[0]!.url).toBe('/projects/acme%2Fline-3/trigger/pipeline');
    const form = new URLSearchParams(ci.received[0]!.body);
    expect(form.get('token')).toBe('glptt');
    expect(form.get('variables[POC_RETRAIN]')).toBe('true');
    expect(form.get('variables[POC_RETRAIN_REASON]')).toBe(event.reason);
  });

  it('refuses to guess a CI when none is configured, and leaves an unreachable CI to the next run', async () => {
    expect(() => targetFromEnv({})).toThrow(/GITHUB_REPOSITORY and GITHUB_TOKEN/);
    await fire(Date.parse('2026-01-01T00:00:00Z'));
    const target = targetFromEnv({
      GITHUB_REPOSITORY: 'a/b',
      GITHUB_TOKEN: 't',
      GITHUB_API_URL: 'http://127.0.0.1:9',
    });
    const report = await dispatchMarkers(dataDir, target);
    expect(report.dispatched).toEqual([]);
    expect(report.failed).toHaveLength(1);
    expect(
      (await readdir(join(dataDir, 'retraining'))).filter((f) => f.startsWith('requested-')),
    ).toHaveLength(1);
  });
});
