import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';

import { parseManifest, validateProject } from '../../src/manifest/index.js';
import {
  applyPlan,
  buildContext,
  planProject,
  resolveAnswers,
  sha256,
  type Plan,
} from '../../src/scaffold/index.js';
import { pairwise } from '../helpers/pairwise.js';
import { gitlabErrors, workflowErrors } from '../helpers/workflow-check.js';

/** The answers that change which files exist and what they say. */
const matrix = pairwise({
  useCase: ['quality-inspection', 'predictive-maintenance'],
  integrations: [[], ['mes-rest'], ['erp-rest', 'historian-rest'], ['sensors-mqtt'], ['mes-rest', 'erp-rest', 'historian-rest', 'sensors-mqtt']],
  ci: [['github'], ['gitlab'], ['github', 'gitlab']],
  remote: [
    { type: 'local', path: '../.poc-remote' },
    { type: 's3', bucket: 'acme-ml', prefix: 'pilots/line-3', region: 'eu-central-1' },
    { type: 's3', bucket: 'plant-data', endpoint: 'http://127.0.0.1:9000' },
  ],
  facilities: [['plant-a'], ['plant-a', 'dubai-1', 'riyadh-2']],
});

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const LEFTOVER = new RegExp(
  `\\{\\{\\s*(?:[#/^]|else\\b|(?:${Object.keys(buildContext({ name: 'x' })).join('|')})\\b)`,
);
const text = (plan: Plan, path: string) => plan.files.find((file) => file.path === path)?.content.toString('utf8');
/** Helm templates are Go templates, not YAML, until Helm renders them (the chart tests do that). */
const isHelmTemplate = (path: string) => /^deploy\/helm\/[^/]+\/templates\//.test(path);

it('the pairwise matrix covers every pair of answer values in fewer rows than the full product', () => {
  expect(matrix.length).toBeLessThan(2 * 5 * 3 * 3 * 2);
  expect(matrix.length).toBeGreaterThanOrEqual(15); // at least |integrations| x |ci|
});

describe.each(matrix.map((answers, index) => ({ index, answers })))(
  'generated project #$index ($answers.useCase, integrations $answers.integrations, ci $answers.ci, $answers.remote.type remote)',
  ({ index, answers }) => {
    const context = buildContext({ name: `matrix-${index}`, ...answers });
    const planned = planProject(context);

    it('every YAML and JSON file parses, and no Handlebars expression is left unrendered', async () => {
      const plan = await planned;
      for (const file of plan.files) {
        const content = file.content.toString('utf8');
        if (/\.(ya?ml|lock)$/.test(file.path) && !isHelmTemplate(file.path)) {
          expect(() => parse(content, { uniqueKeys: true }), file.path).not.toThrow();
        }
        if (file.path.endsWith('.json')) expect(() => JSON.parse(content), file.path).not.toThrow();
        if (file.source.endsWith('.hbs')) {
          // A block or a context field left behind; `${{ }}` (GitHub) and `{{label}}` (Grafana legends) are fine.
          expect(content, file.path).not.toMatch(LEFTOVER);
        }
      }
    });

    it('poc.yaml validates under the schema and carries the answers', async () => {
      const plan = await planned;
      const source = text(plan, 'poc.yaml')!;
      expect(source.split('\n')[0]).toBe(`# yaml-language-server: $schema=${context.schemaUrl}`);
      const { manifest, problems } = parseManifest(source);
      expect(problems).toEqual([]);
      expect(manifest!.project).toMatchObject({ name: context.name, useCase: answers.useCase });
      expect(manifest!.integrations.map((entry) => entry.contract).sort()).toEqual(
        context.integrations.map((entry) => entry.contract).sort(),
      );
      expect(manifest!.data.remote.type).toBe(answers.remote.type);
      const production = manifest!.environments.find((env) => env.name === 'production')!;
      expect(production.after).toBe('staging');
      expect(production.clusters.map((cluster) => cluster.facility)).toEqual(answers.facilities);
      for (const cluster of production.clusters) {
        expect(cluster.values).toEqual([
          `deploy/helm/${context.name}/values-production.yaml`,
          `deploy/helm/${context.name}/values-production-${cluster.facility}.yaml`,
        ]);
      }
    });

    it('has a contract for each chosen integration and none other', async () => {
      const plan = await planned;
      const contracts = plan.files.filter((file) => file.path.startsWith('contracts/')).map((file) => file.path);
      expect(contracts.sort()).toEqual(context.integrations.map((entry) => entry.contract).sort());
    });

    it('has valid CI for each chosen provider and none other', async () => {
      const plan = await planned;
      const workflows = plan.files.filter((file) => file.path.startsWith('.github/workflows/'));
      expect(workflows.map((file) => file.path)).toEqual(
        answers.ci.includes('github')
          ? ['.github/workflows/ci.yml', '.github/workflows/promote.yml', '.github/workflows/retrain.yml']
          : [],
      );
      for (const workflow of workflows) {
        expect(await workflowErrors(workflow.path, workflow.content.toString('utf8')), workflow.path).toEqual([]);
      }
      const gitlab = text(plan, '.gitlab-ci.yml');
      expect(gitlab !== undefined).toBe(answers.ci.includes('gitlab'));
      if (gitlab !== undefined) expect(gitlabErrors(gitlab)).toEqual([]);
    });

    it('records its answers (reproducing the same context) and the hash of every file', async () => {
      const plan = await planned;
      const answersFile = parse(text(plan, '.poc/answers.yaml')!) as Record<string, unknown>;
      expect(buildContext(resolveAnswers(answersFile))).toEqual(context);
      const lock = parse(text(plan, '.poc/files.lock')!) as {
        templateVersion: string;
        files: Record<string, { sha256: string }>;
      };
      expect(lock.templateVersion).toBe(context.templateVersion);
      const others = plan.files.filter((file) => file.path !== '.poc/files.lock');
      expect(Object.keys(lock.files).sort()).toEqual(others.map((file) => file.path).sort());
      for (const file of others) expect(lock.files[file.path]!.sha256, file.path).toBe(sha256(file.content));
    });

    it('poc validate passes on the written project (every referenced file exists)', async () => {
      const plan = await planned;
      const parent = mkdtempSync(join(tmpdir(), 'poc-matrix-'));
      made.push(parent);
      await applyPlan(plan, join(parent, context.name));
      const result = await validateProject(join(parent, context.name)).catch((error: { problems?: unknown }) => {
        throw new Error(`poc validate failed: ${JSON.stringify(error.problems ?? error, null, 1)}`);
      });
      const kinds = new Set(result.checked.map((reference) => reference.kind));
      expect([...kinds].sort()).toEqual(
        ['chart', 'model', 'profile', 'values', ...(context.integrations.length > 0 ? ['contract'] : [])].sort(),
      );
    });
  },
);
