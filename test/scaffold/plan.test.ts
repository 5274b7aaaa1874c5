import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { buildContext, planProject, type Plan } from '../../src/scaffold/index.js';
import { tempDir } from '../helpers/temp-dir.js';

/** A templates/ root made of the given files (Buffers for binary content). */
function templates(files: Record<string, string | Buffer>): string {
  const root = tempDir();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const content = (plan: Plan, path: string) =>
  plan.files.find((file) => file.path === path)?.content.toString();
const paths = (plan: Plan) => plan.files.map((file) => file.path);

describe('planProject', () => {
  it('renders only *.hbs (strict, no HTML escaping) and copies everything else byte for byte', async () => {
    const binary = Buffer.from([0x00, 0xff, 0x7b, 0x7b, 0x6e, 0x7d, 0x7d, 0x0a]); // contains "{{n}}"
    const root = templates({
      'project/config.yaml.hbs': 'owner: {{json owners.model}}\nhtml: <{{name}}> & "{{useCase}}"\n',
      'project/deploy/helm/__name__/templates/svc.yaml': 'name: {{ include "x" . }}\n',
      'project/model/weights.bin': binary,
    });
    const plan = await planProject(buildContext({ name: 'line-3', owners: { model: 'A "B" <a@b.io>' } }), {
      templatesRoot: root,
    });
    expect(content(plan, 'config.yaml')).toBe(
      'owner: "A \\"B\\" <a@b.io>"\nhtml: <line-3> & "quality-inspection"\n',
    );
    expect(content(plan, 'deploy/helm/line-3/templates/svc.yaml')).toBe('name: {{ include "x" . }}\n');
    expect(plan.files.find((file) => file.path === 'model/weights.bin')!.content.equals(binary)).toBe(true);
  });

  it('fails on a missing field, naming the template (strict mode)', async () => {
    const root = templates({ 'project/broken.md.hbs': 'Hello {{owner.nmae}}\n' });
    await expect(planProject(buildContext({ name: 'x' }), { templatesRoot: root })).rejects.toMatchObject({
      exitCode: 70,
      message: expect.stringContaining('project/broken.md.hbs'),
    });
  });

  it('renames _gitignore and _npmrc, keeps other dotfiles, and lets the use-case overlay win', async () => {
    const root = templates({
      'project/_gitignore': 'base\n',
      'project/_npmrc': 'onnxruntime-node-install=skip\n',
      'project/.dockerignore': '.git\n',
      'project/README.md.hbs': 'base {{name}}\n',
      'usecases/quality-inspection/README.md.hbs': 'overlay {{name}}\n',
      'usecases/predictive-maintenance/README.md.hbs': 'other overlay\n',
    });
    const plan = await planProject(buildContext({ name: 'x' }), { templatesRoot: root });
    expect(paths(plan)).toEqual([
      '.dockerignore',
      '.gitignore',
      '.npmrc',
      '.poc/answers.yaml',
      '.poc/files.lock',
      'README.md',
    ]);
    expect(content(plan, 'README.md')).toBe('overlay x\n');
    expect(plan.files.find((file) => file.path === 'README.md')!.source).toBe(
      'usecases/quality-inspection/README.md.hbs',
    );
  });

  it('includes conditional files by path marker, rule table and empty render', async () => {
    const root = templates({
      'project/src/__if_sensors-mqtt__mqtt-ingest.ts': 'mqtt',
      'project/src/__if_hasRest__rest/client.ts': 'rest',
      'project/__if_s3__s3-notes.md': 's3',
      'project/.github/workflows/ci.yml': 'on: push\n',
      'project/.gitlab-ci.yml.hbs': 'stages: [test]\n',
      'project/contracts/mes.openapi.yaml': 'openapi: 3.1.0\n',
      'project/contracts/erp.openapi.yaml': 'openapi: 3.1.0\n',
      'project/maybe.md.hbs': '{{#if hasMqtt}}has mqtt{{/if}}\n',
    });
    const restOnly = await planProject(
      buildContext({ name: 'x', integrations: ['mes-rest'], ci: ['gitlab'] }),
      { templatesRoot: root },
    );
    expect(paths(restOnly)).toEqual([
      '.gitlab-ci.yml',
      '.poc/answers.yaml',
      '.poc/files.lock',
      'contracts/mes.openapi.yaml',
      'src/rest/client.ts',
    ]);
    const mqttOnly = await planProject(
      buildContext({
        name: 'x',
        integrations: ['sensors-mqtt'],
        ci: ['github'],
        remote: { type: 's3', bucket: 'acme-ml' },
      }),
      { templatesRoot: root },
    );
    expect(paths(mqttOnly)).toEqual([
      '.github/workflows/ci.yml',
      '.poc/answers.yaml',
      '.poc/files.lock',
      'maybe.md',
      's3-notes.md',
      'src/mqtt-ingest.ts',
    ]);
  });

  it('refuses a path marker naming an unknown flag (a template bug)', async () => {
    const root = templates({ 'project/__if_hasKafka__kafka.ts': 'x' });
    await expect(planProject(buildContext({ name: 'x' }), { templatesRoot: root })).rejects.toMatchObject({
      exitCode: 70,
      message: expect.stringContaining('unknown flag "hasKafka"'),
    });
  });

  it('renders __facility__ templates once per facility', async () => {
    const root = templates({
      'project/values-production-__facility__.yaml.hbs': 'facility: {{facility}} of {{name}}\n',
    });
    const plan = await planProject(buildContext({ name: 'x', facilities: ['plant-a', 'dubai-1'] }), {
      templatesRoot: root,
    });
    expect(content(plan, 'values-production-plant-a.yaml')).toBe('facility: plant-a of x\n');
    expect(content(plan, 'values-production-dubai-1.yaml')).toBe('facility: dubai-1 of x\n');
  });

  it('keeps executable bits and sets every other file to 0644', async () => {
    const root = templates({ 'project/scripts/run.sh': '#!/bin/sh\n', 'project/notes.txt': 'x' });
    chmodSync(join(root, 'project/scripts/run.sh'), 0o700);
    chmodSync(join(root, 'project/notes.txt'), 0o600);
    const plan = await planProject(buildContext({ name: 'x' }), { templatesRoot: root });
    expect(plan.files.find((file) => file.path === 'scripts/run.sh')!.mode).toBe(0o755);
    expect(plan.files.find((file) => file.path === 'notes.txt')!.mode).toBe(0o644);
  });

  it('gives the same bytes for the same answers and version, and different ones otherwise', async () => {
    const answers = { name: 'line-3', integrations: ['sensors-mqtt', 'mes-rest'], facilities: ['b', 'a'] };
    const first = await planProject(buildContext(answers));
    const second = await planProject(
      buildContext({ ...answers, integrations: ['mes-rest', 'sensors-mqtt'] }),
    );
    expect(second.files.map((file) => [file.path, file.content.toString('base64'), file.mode])).toEqual(
      first.files.map((file) => [file.path, file.content.toString('base64'), file.mode]),
    );
    const other = await planProject(buildContext(answers, { templateVersion: '9.9.9' }));
    expect(content(other, '.poc/files.lock')).toContain('templateVersion: 9.9.9');
    expect(content(other, 'poc.yaml')).not.toBe(content(first, 'poc.yaml'));
  });
});
