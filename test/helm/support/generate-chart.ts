import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  applyPlan,
  buildContext,
  planProject,
  TEMPLATES_ROOT,
  type AnswersInput,
  type TemplateContext,
} from '../../../src/scaffold/index.js';

export interface GeneratedChart {
  /** Project root. */
  root: string;
  chartDir: string;
  context: TemplateContext;
  /** Values files per deployment target, in `helm -f` order: staging, production-<facility>. */
  targets: { name: string; facility?: string; values: string[] }[];
  cleanup: () => void;
}

/** The chart's and dashboard's template directories; the rest of the template is not ours. */
const OWN_TEMPLATE_DIRS = ['project/deploy', 'project/monitoring'];

/**
 * Generates a project with the init engine (buildContext -> planProject -> applyPlan) from a
 * templates root holding only the chart and monitoring templates, so these tests do not depend
 * on the rest of the template, which other work changes independently. The engine renders
 * values-production-__facility__.yaml.hbs once per facility; a missing file fails here.
 */
export async function generateChart(answers: AnswersInput): Promise<GeneratedChart> {
  const work = mkdtempSync(join(tmpdir(), 'poc-helm-'));
  const cleanup = () => rmSync(work, { recursive: true, force: true });
  try {
    const templatesRoot = join(work, 'templates');
    for (const dir of OWN_TEMPLATE_DIRS)
      cpSync(join(TEMPLATES_ROOT, dir), join(templatesRoot, dir), { recursive: true });

    const context = buildContext(answers, { templateVersion: '0.0.0-test' });
    const plan = await planProject(context, { templatesRoot });
    const chartPath = `deploy/helm/${context.name}`;

    const root = join(work, context.name);
    await applyPlan(plan, root);
    const chartDir = join(root, chartPath);
    const targets = [
      { name: 'staging', values: [join(chartDir, 'values-staging.yaml')] },
      ...context.facilities.map((facility) => ({
        name: `production-${facility}`,
        facility,
        values: [
          join(chartDir, 'values-production.yaml'),
          join(chartDir, `values-production-${facility}.yaml`),
        ],
      })),
    ];
    for (const target of targets) {
      for (const file of target.values) if (!existsSync(file)) throw new Error(`missing values file ${file}`);
    }
    return { root, chartDir, context, targets, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
