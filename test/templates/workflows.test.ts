import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

import { EVERYTHING, generateProject } from '../helpers/generate-project.js';

type Step = { uses?: string; run?: string };
type Job = { permissions?: Record<string, string>; steps: Step[]; environment?: unknown };
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> };

/** What `write` is allowed for, per job: anything else must stay read-only. */
const WRITES: Record<string, string[]> = {
  'ci.yml/gates': ['security-events'],
  'ci.yml/image': ['packages'],
  'promote.yml/promote': ['contents'],
  // the pull request that proposes a retrained model
  'retrain.yml/retrain': ['contents', 'pull-requests'],
};

describe('generated GitHub workflows', async () => {
  const { dir, plan } = await generateProject({ ...EVERYTHING });
  const workflows = Object.fromEntries(
    ['ci.yml', 'promote.yml', 'retrain.yml'].map((name) => [
      name,
      parse(readFileSync(join(dir, '.github/workflows', name), 'utf8')) as Workflow,
    ]),
  );

  it('pin every action to an exact release', () => {
    const uses = Object.values(workflows).flatMap((workflow) =>
      Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.uses ? [step.uses] : []))),
    );
    expect(uses.length).toBeGreaterThan(10);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w./-]+@v\d+\.\d+\.\d+$/);
  });

  it('default to read-only contents and widen permissions per job only where needed', () => {
    for (const [name, workflow] of Object.entries(workflows)) {
      expect(workflow.permissions, name).toEqual({ contents: 'read' });
      for (const [jobName, job] of Object.entries(workflow.jobs)) {
        const writes = Object.entries(job.permissions ?? {})
          .filter(([, level]) => level === 'write')
          .map(([scope]) => scope);
        expect(writes, `${name}/${jobName}`).toEqual(WRITES[`${name}/${jobName}`] ?? []);
      }
    }
  });

  it('run the gates with the CLI version that generated the project', () => {
    const ci = readFileSync(join(dir, '.github/workflows/ci.yml'), 'utf8');
    expect(ci).toContain(`POC_VERSION: "${plan.templateVersion}"`);
    const runs = Object.values(workflows['ci.yml']!.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
    for (const command of [
      'npm install --global "poc2prod@$POC_VERSION"',
      'poc validate',
      'poc audit --markdown >> "$GITHUB_STEP_SUMMARY"',
      'poc audit --sarif --min-score 80 > poc-audit.sarif',
      'poc bench --markdown >> "$GITHUB_STEP_SUMMARY"',
      'npm test',
    ]) {
      expect(runs, command).toContain(command);
    }
    // The project's own tests run before the CLI is installed: npm test must not need it.
    const test = workflows['ci.yml']!.jobs.test!.steps.map((step) => step.run ?? '');
    expect(test.some((run) => run.includes('poc2prod'))).toBe(false);
  });

  it('promote behind a GitHub environment (the manual approval)', () => {
    expect(workflows['promote.yml']!.jobs.promote!.environment).toBe('${{ inputs.environment }}');
  });

  it('retrain on the event the app dispatches, train on the labelled dataset and propose a pull request', () => {
    const retrain = workflows['retrain.yml']!;
    // the event type the generated src/feedback/retraining-dispatch.ts sends
    const dispatch = readFileSync(join(dir, 'src/feedback/retraining-dispatch.ts'), 'utf8');
    expect(dispatch).toContain("event_type: 'retraining-requested'");
    expect(retrain.on.repository_dispatch).toEqual({ types: ['retraining-requested'] });
    expect(retrain.on).toHaveProperty('workflow_dispatch');
    const steps = retrain.jobs.retrain!.steps;
    const runs = steps.map((step) => step.run ?? '').join('\n');
    expect(runs).toContain('poc data pull labelled');
    expect(runs).toContain('export RAW=');
    expect(runs).toContain('npm run train');
    expect(runs).toContain('npm test');
    expect(steps.at(-1)!.uses).toMatch(/^peter-evans\/create-pull-request@/);
  });
});
