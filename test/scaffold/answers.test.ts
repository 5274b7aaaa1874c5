import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import {
  buildContext,
  mergeAnswers,
  normaliseProjectName,
  promptAnswers,
  readAnswersFile,
  resolveAnswers,
  type Asker,
} from '../../src/scaffold/index.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('project names', () => {
  it.each([
    ['line-3', 'line-3', undefined],
    ['Line 3 Defects', 'line-3-defects', 'Line 3 Defects'],
    ['pump_health.v2', 'pump-health-v2', 'pump_health.v2'],
  ])('%s becomes %s', (raw, name, changedFrom) => {
    expect(normaliseProjectName(raw)).toEqual(changedFrom ? { name, changedFrom } : { name });
  });

  it.each(['../x', 'a/b', 'a\\b', '..', '   ', '---', 'ü', 'x'.repeat(60)])(
    'refuses %j with a hint',
    (raw) => {
      expect(() => normaliseProjectName(raw)).toThrow(
        expect.objectContaining({ exitCode: 2, hint: expect.any(String) }),
      );
    },
  );
});

describe('answers', () => {
  it('fills defaults from the use case', () => {
    const context = buildContext({ name: 'pump-7', useCase: 'predictive-maintenance' });
    expect(context.integrations.map((entry) => entry.id)).toEqual(['historian-rest', 'sensors-mqtt']);
    expect(context).toMatchObject({
      ci: { github: true, gitlab: false },
      remote: { type: 'local', path: '../.poc-remote' },
      facilities: ['plant-a'],
      sla: { percentile: 95, boundMs: 50 },
      image: 'ghcr.io/acme/pump-7',
      hasMqtt: true,
      hasRest: true,
      useCaseIs: { qualityInspection: false, predictiveMaintenance: true },
    });
  });

  it('lists every problem at once, each naming its flag', () => {
    let problems: { path?: string; message: string }[] = [];
    try {
      resolveAnswers({
        name: 'ok',
        useCase: 'welding',
        integrations: ['mes-rest', 'opc-ua'],
        ci: ['jenkins'],
        sla: { percentile: 120, boundMs: 'fast' },
        owners: { model: '' },
        colour: 'blue',
      });
    } catch (error) {
      problems = (error as { problems: typeof problems }).problems;
    }
    expect(problems.map((problem) => problem.path ?? '')).toEqual([
      'useCase',
      'integrations.1',
      'ci.0',
      'sla.percentile',
      'sla.boundMs',
      'owners.model',
      '',
    ]);
    expect(problems[0]!.message).toContain('--use-case');
    expect(problems[1]!.message).toContain('--integrations');
    expect(problems[3]!.message).toContain('--sla-percentile');
    expect(problems[6]!.message).toBe('unknown key colour');
  });

  it('lets flags win over the answers file, key by key', () => {
    const file = {
      name: 'from-file',
      remote: { type: 's3', bucket: 'file-bucket', region: 'eu-west-1' },
      sla: { percentile: 99, boundMs: 20 },
      owners: { model: 'File <f@x.io>' },
    };
    expect(
      mergeAnswers(file, {
        s3Prefix: 'pilots',
        slaBoundMs: 30,
        ownerData: 'Flag <d@x.io>',
        ci: 'both',
        integrations: 'none',
      }),
    ).toEqual({
      name: 'from-file',
      remote: { type: 's3', bucket: 'file-bucket', prefix: 'pilots', region: 'eu-west-1' },
      sla: { percentile: 99, boundMs: 30 },
      owners: { model: 'File <f@x.io>', data: 'Flag <d@x.io>' },
      ci: ['github', 'gitlab'],
      integrations: [],
    });
    expect(mergeAnswers(file, { remote: 'local' }).remote).toEqual({ type: 'local' });
  });

  it('reads an answers file and points at YAML syntax errors', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ok.yaml'), 'name: line-3\nfacilities: [plant-a, plant-b]\n');
    expect(await readAnswersFile(join(dir, 'ok.yaml'))).toEqual({
      name: 'line-3',
      facilities: ['plant-a', 'plant-b'],
    });
    writeFileSync(join(dir, 'bad.yaml'), 'name: line-3\nci: [github\n');
    await expect(readAnswersFile(join(dir, 'bad.yaml'))).rejects.toMatchObject({
      exitCode: 2,
      problems: [expect.objectContaining({ line: expect.any(Number), column: expect.any(Number) })],
    });
    writeFileSync(join(dir, 'list.yaml'), '- name\n');
    await expect(readAnswersFile(join(dir, 'list.yaml'))).rejects.toMatchObject({ exitCode: 2 });
    await expect(readAnswersFile(join(dir, 'missing.yaml'))).rejects.toMatchObject({
      code: 'ANSWERS_UNREADABLE',
    });
  });
});

describe('prompts', () => {
  /** A scripted person: answers by question text, records what was asked. */
  function scripted(replies: Record<string, unknown>) {
    const asked: string[] = [];
    const reply = (message: string, fallback: unknown) => {
      asked.push(message);
      return Promise.resolve(message in replies ? replies[message] : fallback);
    };
    const asker: Asker = {
      text: (q) => reply(q.message, q.default ?? '') as Promise<string>,
      choose: (q) => reply(q.message, q.default) as Promise<never>,
      chooseMany: (q) =>
        reply(
          q.message,
          q.choices.filter((c) => c.checked).map((c) => c.value),
        ) as Promise<never>,
      number: (q) => reply(q.message, q.default) as Promise<number>,
    };
    return { asker, asked };
  }

  it('asks only what flags and the answers file left open', async () => {
    const { asker, asked } = scripted({
      'Project name': 'Line 7',
      'CI provider': 'both',
      'S3 bucket': 'acme-ml',
    });
    const answers = await promptAnswers({ useCase: 'predictive-maintenance', remote: { type: 's3' } }, asker);
    expect(asked).not.toContain('Use case');
    expect(asked).not.toContain('S3 bucket'); // the remote was already given as a whole
    expect(answers).toMatchObject({
      name: 'Line 7',
      ci: ['github', 'gitlab'],
      integrations: ['historian-rest', 'sensors-mqtt'],
      facilities: ['plant-a'],
    });
  });

  it('asks for the S3 details when S3 is chosen', async () => {
    const { asker } = scripted({
      'Where poc data pushes datasets and models': 's3',
      'S3 bucket': 'acme-ml',
      'Endpoint URL (empty for AWS)': 'http://minio:9000',
      'Production facilities (comma-separated)': 'plant-a, dubai-1',
    });
    const answers = await promptAnswers({ name: 'x' }, asker);
    expect(answers.remote).toEqual({
      type: 's3',
      bucket: 'acme-ml',
      prefix: '',
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
    });
    expect(answers.facilities).toEqual(['plant-a', 'dubai-1']);
    expect(() => buildContext(answers)).not.toThrow();
  });
});
