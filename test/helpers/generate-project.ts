import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

import { applyPlan, buildContext, planProject, type Plan } from '../../src/scaffold/index.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every answer a test can set: the init answers, with the name defaulted. */
export type TestAnswers = Record<string, unknown>;

/** Renders a project through the real engine into a temporary directory (removed after the file's tests). */
export async function generateProject(answers: TestAnswers = {}): Promise<{ dir: string; plan: Plan }> {
  const plan = await planProject(buildContext({ name: 'line-3-defects', ...answers }));
  const parent = mkdtempSync(join(tmpdir(), 'poc-gen-'));
  made.push(parent);
  const dir = join(parent, plan.name);
  await applyPlan(plan, dir);
  return { dir, plan };
}

/** Every integration and both CI providers: the largest project the template makes. */
export const EVERYTHING = {
  integrations: ['mes-rest', 'erp-rest', 'historian-rest', 'sensors-mqtt'],
  ci: ['github', 'gitlab'],
  facilities: ['plant-a', 'plant-b'],
} as const;
