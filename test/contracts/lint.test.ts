import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import Lint from '../../src/commands/contract/lint.js';
import { contractProject } from '../helpers/contract-project.js';
import { runCommand } from '../helpers/run-command.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/contracts/${name}`, import.meta.url), 'utf8');

describe('poc contract lint', () => {
  it('passes the fixture contracts', async () => {
    const { dir } = await contractProject();
    const { exitCode, json } = await runCommand(Lint, ['--dir', dir, '--json']);
    expect(json?.result).toMatchObject({ errors: 0, warnings: 0 });
    expect(exitCode).toBe(0);
  });

  it('reports each OpenAPI problem at its file:line, exit 2', async () => {
    const { dir } = await contractProject({
      files: { 'contracts/mes.openapi.yaml': fixture('broken.openapi.yaml') },
    });
    const { exitCode, stdout } = await runCommand(Lint, ['--dir', dir, '--only', 'mes']);
    expect(exitCode).toBe(2);
    expect(stdout).toContain('contracts/mes.openapi.yaml:3:3 info: info.version is required [info]');
    expect(stdout).toMatch(/mes\.openapi\.yaml:7:7 .*path parameter \{id\} is not declared/);
    expect(stdout).toMatch(/mes\.openapi\.yaml:14:24 .*example id: must be string \[example-invalid\]/);
    expect(stdout).toMatch(
      /mes\.openapi\.yaml:17:20 .*operationId "getOrder" is also used by GET \/orders\/\{id\}/,
    );
    expect(stdout).toMatch(
      /mes\.openapi\.yaml:23:31 .*\$ref "#\/components\/schemas\/Missing" points at nothing/,
    );
    expect(stdout).toMatch(/mes\.openapi\.yaml:31:52 .*example \(value\): must be >= 1/);
  });

  it('reports AsyncAPI structure, examples, and units and ranges on sensor fields', async () => {
    const { dir } = await contractProject({
      files: { 'contracts/sensors.asyncapi.yaml': fixture('broken.asyncapi.yaml') },
    });
    const { exitCode, json } = await runCommand(Lint, ['--dir', dir, '--only', 'sensors', '--json']);
    expect(exitCode).toBe(2);
    const findings = (
      json?.result as { contracts: { findings: { line: number; message: string; severity: string }[] }[] }
    ).contracts[0]!.findings;
    const at = (line: number) => findings.filter((f) => f.line === line).map((f) => f.message);
    expect(at(7)).toContain('channel has no "address": the MQTT topic must be in the contract');
    expect(findings.map((f) => f.message)).toContain('sensor field "bar" of pressure lacks x-unit, maximum');
    expect(at(16)).toContain('example bar: must be >= 0');
    expect(at(18)).toContain('address "plant/line3/flow/#" uses MQTT wildcards; use {parameters}');
    expect(at(27)).toContain('action must be "send" or "receive"');
    expect(findings).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringContaining('flow has no quality field'),
      }),
    );
  });

  it('turns YAML syntax errors and a wrong document kind into located findings', async () => {
    const { dir } = await contractProject({
      files: {
        'contracts/mes.openapi.yaml': 'openapi: 3.1.0\ninfo:\n  title: x\n   version: 1\n',
        'contracts/sensors.asyncapi.yaml': fixture('mes.openapi.yaml'),
      },
    });
    const { exitCode, stdout } = await runCommand(Lint, ['--dir', dir]);
    expect(exitCode).toBe(2);
    expect(stdout).toMatch(/contracts\/mes\.openapi\.yaml:3:10 Nested mappings are not allowed/);
    expect(stdout).toContain('integration "sensors" is mqtt, which needs an AsyncAPI contract');
  });
});
