import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import Verify from '../../src/commands/contract/verify.js';
import type { VerifyReport } from '../../src/contracts/index.js';
import { contractProject, freePort, startProjectMocks } from '../helpers/contract-project.js';
import { runCommand } from '../helpers/run-command.js';
import { tempDir } from '../helpers/temp-dir.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function serve(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** A server that breaks the MES contract on purpose: wrong types, a missing field, an undeclared status. */
function brokenMes(): Server {
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  return createServer((req, res) => {
    if (req.url?.startsWith('/workorders/')) {
      return json(res, 200, {
        id: 'WO-000042',
        sku: 'MAT-10442',
        line: 'line-3',
        qtyPlanned: 'many',
        qtyDone: 0,
        status: 'running',
      });
    }
    if (req.url === '/workorders') {
      return json(res, 200, [{ id: 42, line: 'line-3', qtyPlanned: 5, qtyDone: 0, status: 'planned' }]);
    }
    if (req.url?.startsWith('/counts/')) return json(res, 418, { error: 'teapot' });
    json(res, 404, {});
  });
}

describe('poc contract verify (REST)', () => {
  it('the mock passes its own contract, read-only by default and with --allow-writes', async () => {
    const project = await contractProject();
    const session = await startProjectMocks(project.dir, { only: ['mes'] });
    cleanups.push(() => session.stop());
    const readOnly = await runCommand(Verify, ['mes', '--dir', project.dir, '--json']);
    expect(readOnly.exitCode).toBe(0);
    const report = readOnly.json?.result as VerifyReport;
    expect(report.summary).toMatchObject({ failed: 0, skipped: 1 });
    expect(report.checks.find((c) => c.skipped)?.details[0]).toContain('POST /workorders skipped: read-only');

    const writes = await runCommand(Verify, ['mes', '--dir', project.dir, '--allow-writes', '--json']);
    expect(writes.exitCode).toBe(0);
    expect((writes.json?.result as VerifyReport).summary).toMatchObject({ failed: 0, skipped: 0 });
  });

  it('a broken server fails with precise findings, exit 1, and a JUnit report', async () => {
    const port = await serve(brokenMes());
    const project = await contractProject({ endpoints: { mes: { staging: `http://127.0.0.1:${port}` } } });
    const junit = join(project.dir, 'reports', 'mes.xml');
    const { exitCode, stdout } = await runCommand(Verify, [
      'mes',
      '--dir',
      project.dir,
      '--env',
      'staging',
      '--junit',
      junit,
    ]);
    expect(exitCode).toBe(1);
    expect(stdout).toContain('FAIL  listWorkOrders schema: 0: missing required field "sku"');
    expect(stdout).toContain('          0.id: must be string');
    expect(stdout).toContain('FAIL  getWorkOrder schema: qtyPlanned: must be integer');
    expect(stdout).toMatch(
      /FAIL {2}getProductionCount status: GET http:\/\/127\.0\.0\.1:\d+\/counts\/line-\d -> 418: status 418 is not declared \(declared: 200\)/,
    );
    expect(stdout).toMatch(/contract: contracts\/mes\.openapi\.yaml:\d+:\d+/);
    expect(stdout).toContain('3 failed, 1 skipped');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuites name="poc contract verify" tests="6" failures="3" skipped="1">');
    expect(xml).toContain(
      '<testcase name="getWorkOrder schema" classname="contract.mes"><failure message="qtyPlanned: must be integer">',
    );
    expect(xml).toMatch(
      /<testcase name="getProductionCount schema"|<testcase name="getProductionCount status" classname="contract.mes"><failure/,
    );
  });

  it('an unreachable endpoint is exit 4 with a hint', async () => {
    const port = await freePort();
    const project = await contractProject({
      endpoints: { mes: { production: `http://127.0.0.1:${port}/api` } },
    });
    const { exitCode, json } = await runCommand(Verify, [
      'mes',
      '--dir',
      project.dir,
      '--env',
      'production',
      '--json',
    ]);
    expect(exitCode).toBe(4);
    expect(json?.error).toMatchObject({
      code: 'ENDPOINT_UNREACHABLE',
      message: expect.stringContaining('is unreachable: ECONNREFUSED'),
    });
  });

  it('an untrusted certificate is a TLS error, exit 4', async () => {
    const dir = tempDir();
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
    } catch {
      // Without openssl no certificate can be made here; the wrong-protocol case below still runs.
    }
    if (existsSync(join(dir, 'cert.pem'))) {
      const server = createHttpsServer(
        { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
        (_req, res) => res.end('{}'),
      );
      const port = await serve(server as unknown as Server);
      const project = await contractProject({
        endpoints: { mes: { production: `https://127.0.0.1:${port}` } },
      });
      const { exitCode, stderr } = await runCommand(Verify, [
        'mes',
        '--dir',
        project.dir,
        '--env',
        'production',
      ]);
      expect(exitCode).toBe(4);
      expect(stderr).toContain('TLS handshake with https://127.0.0.1');
      expect(stderr).toContain('DEPTH_ZERO_SELF_SIGNED_CERT');
      expect(stderr).toContain('NODE_EXTRA_CA_CERTS');
    }
    // https:// to a plain-HTTP server: the handshake fails on the protocol
    const plain = await serve(createServer((_req, res) => res.end('{}')));
    const project = await contractProject({
      endpoints: { mes: { production: `https://127.0.0.1:${plain}` } },
    });
    const { exitCode, json } = await runCommand(Verify, [
      'mes',
      '--dir',
      project.dir,
      '--env',
      'production',
      '--json',
    ]);
    expect(exitCode).toBe(4);
    expect(json?.error?.code).toBe('TLS_ERROR');
  });

  it('an environment without an endpoint, or an unknown integration, is exit 2', async () => {
    const project = await contractProject();
    const noEndpoint = await runCommand(Verify, ['mes', '--dir', project.dir, '--env', 'production']);
    expect(noEndpoint.exitCode).toBe(2);
    expect(noEndpoint.stderr).toContain('Integration "mes" has no endpoint for environment "production".');
    expect((await runCommand(Verify, ['erp', '--dir', project.dir])).exitCode).toBe(2);
  });
});
