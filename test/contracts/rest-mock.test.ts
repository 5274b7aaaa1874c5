import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';

import Mock from '../../src/commands/mock/index.js';
import type { MockSession } from '../../src/contracts/index.js';
import { contractProject, startProjectMocks } from '../helpers/contract-project.js';
import { runCommand } from '../helpers/run-command.js';

const sessions: MockSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.stop()));
});

async function mes(options: { errorRate?: number; latencyMs?: [number, number] } = {}) {
  const project = await contractProject();
  const session = await startProjectMocks(project.dir, { only: ['mes'], ...options });
  sessions.push(session);
  const base = `http://127.0.0.1:${project.restPort}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return { call, project };
}

describe('REST mock from OpenAPI', () => {
  it('answers with the contract example, the requested id in it', async () => {
    const { call } = await mes();
    const { status, body } = await call('GET', '/workorders/WO-000042');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'WO-000042', sku: 'MAT-10442', qtyPlanned: 240 });
    expect((await call('GET', '/api/v1/workorders/WO-000007')).body.id).toBe('WO-000007');
  });

  it('generates realistic data where there is no example', async () => {
    const { call } = await mes();
    const { status, body } = await call('GET', '/counts/line-3');
    expect(status).toBe(200);
    expect(body.line).toBe('line-3');
    expect(body.good).toBeGreaterThanOrEqual(0);
    expect(body.good).toBeLessThanOrEqual(20000);
    expect(Date.parse(body.since)).not.toBeNaN();
    const list = (await call('GET', '/workorders')).body as { id: string; sku: string }[];
    for (const order of list) {
      expect(order.id).toMatch(/^WO-[0-9]{6}$/);
      expect(order.sku).toMatch(/^MAT-[0-9]{5}$/);
    }
  });

  it('rejects invalid requests with 400 and every problem', async () => {
    const { call } = await mes();
    const bad = await call('POST', '/workorders', { sku: 'nope', qtyPlanned: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: 'body', name: '(body)', message: 'missing required field "line"' }),
        expect.objectContaining({
          in: 'body',
          name: 'sku',
          message: expect.stringContaining('must match pattern'),
        }),
        expect.objectContaining({ in: 'body', name: 'qtyPlanned', message: 'must be >= 1' }),
      ]),
    );
    expect((await call('GET', '/workorders/42')).status).toBe(400);
    expect((await call('GET', '/workorders?limit=500')).body.problems[0]).toMatchObject({
      in: 'query',
      name: 'limit',
    });
    expect((await call('GET', '/nowhere')).status).toBe(404);
    expect((await call('DELETE', '/counts/line-1')).status).toBe(405);
  });

  it('keeps what is created: POST then GET by id and in the list', async () => {
    const { call } = await mes();
    const created = await call('POST', '/workorders', { sku: 'MAT-12345', line: 'line-2', qtyPlanned: 12 });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^WO-[0-9]{6}$/);
    const read = await call('GET', `/workorders/${created.body.id}`);
    expect(read.body).toEqual(created.body);
    const list = (await call('GET', '/workorders?limit=100')).body as { id: string }[];
    expect(list[0]).toEqual(created.body);
  });

  it('injects --latency as a seeded delay within the range, and says so in a header', async () => {
    const { project } = await mes({ latencyMs: [20, 60] });
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`http://127.0.0.1:${project.restPort}/counts/line-1`);
      await response.text();
      delays.push(Number(response.headers.get('x-poc-mock-delay-ms')));
    }
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(20);
      expect(delay).toBeLessThanOrEqual(60);
    }
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it('injects faults at --error-rate', async () => {
    const { call } = await mes({ errorRate: 1 });
    const answer = await call('GET', '/counts/line-1');
    expect(answer.status).toBe(500);
    expect(answer.body.error).toBe('injected fault');
  });

  it('a port already in use is exit 4 with what to do, and nothing keeps running', async () => {
    const project = await contractProject();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(project.mqttPort, '127.0.0.1', resolve));
    try {
      const { exitCode, stderr } = await runCommand(Mock, ['--dir', project.dir, '--duration', '1s']);
      expect(exitCode).toBe(4);
      expect(stderr).toContain(`Port ${project.mqttPort} on 127.0.0.1 is already in use`);
      expect(stderr).toContain('"mock" endpoint of sensors in poc.yaml');
      // the REST mock that had started was stopped again: its port is free
      await new Promise<void>((resolve, reject) => {
        const probe = createServer().once('error', reject);
        probe.listen(project.restPort, '127.0.0.1', () => probe.close(() => resolve()));
      });
    } finally {
      blocker.close();
    }
  });

  it('poc mock prints every endpoint and stops cleanly', async () => {
    const project = await contractProject();
    const { exitCode, json, stderr } = await runCommand(Mock, [
      '--dir',
      project.dir,
      '--duration',
      '2s',
      '--json',
    ]);
    expect(exitCode).toBe(0);
    expect(stderr).toContain('Mocks ready');
    const result = json?.result as { mocks: { name: string; url: string; published?: number }[] };
    expect(result.mocks).toEqual([
      expect.objectContaining({ name: 'mes', url: `http://127.0.0.1:${project.restPort}` }),
      expect.objectContaining({ name: 'sensors', url: `mqtt://127.0.0.1:${project.mqttPort}` }),
    ]);
    expect(result.mocks[1]!.published).toBeGreaterThan(5);
  });

  it('refuses bad flags and unknown integrations with exit 2', async () => {
    const project = await contractProject();
    expect((await runCommand(Mock, ['--dir', project.dir, '--error-rate', '2'])).exitCode).toBe(2);
    expect((await runCommand(Mock, ['--dir', project.dir, '--latency', 'soon'])).exitCode).toBe(2);
    const unknown = await runCommand(Mock, ['--dir', project.dir, '--only', 'erp']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('Integrations: mes, sensors.');
  });
});
