/**
 * Regenerates examples/: one project made by `poc init` with every integration and both CI
 * providers, from fixed answers, so that the example shows the whole template and CI can tell
 * when it drifts from the templates (scripts/check-drift.sh; or `--check` here, which compares
 * without writing and exits 1 listing what differs).
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { applyPlan, buildContext, planProject, type AnswersInput } from '../src/scaffold/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const EXAMPLE_ANSWERS: AnswersInput = {
  name: 'line-3-defects',
  useCase: 'quality-inspection',
  description: 'Detects porosity, cracks and dents on brake caliper housings at line 3 inspection.',
  integrations: ['mes-rest', 'erp-rest', 'historian-rest', 'sensors-mqtt'],
  remote: { type: 'local', path: '../.poc-remote' },
  ci: ['github', 'gitlab'],
  registry: 'ghcr.io/acme',
  facilities: ['plant-a', 'plant-b'],
  sla: { percentile: 95, boundMs: 50 },
  owners: {
    model: 'Amal Haddad <amal.haddad@plant.example>',
    data: 'Omar Saleh <omar.saleh@plant.example>',
    operations: 'Line 3 shift lead <line3-lead@plant.example>',
    escalation: 'Plant IT on-call <oncall@plant.example>',
  },
};

function listFiles(root: string, dir = root): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(root, full) : [relative(root, full)];
  });
}

async function main(check: boolean): Promise<number> {
  const plan = await planProject(buildContext(EXAMPLE_ANSWERS));
  const target = join(ROOT, 'examples', plan.name);
  if (check) {
    const planned = new Map(plan.files.map((file) => [file.path, file]));
    const onDisk = listFiles(target).map((path) => path.split('\\').join('/'));
    const differences = [
      ...plan.files
        .filter((file) => {
          const path = join(target, file.path);
          if (!existsSync(path)) return true;
          return !readFileSync(path).equals(file.content) || (statSync(path).mode & 0o777) !== file.mode;
        })
        .map((file) => `changed or missing: ${file.path}`),
      ...onDisk.filter((path) => !planned.has(path)).map((path) => `not generated: ${path}`),
    ];
    for (const line of differences) process.stderr.write(`${line}\n`);
    if (differences.length > 0) {
      process.stderr.write(
        'examples/ drifted from the templates: run `npx tsx scripts/generate-examples.ts`.\n',
      );
      return 1;
    }
    process.stdout.write(`examples/${plan.name} matches the templates (${plan.files.length} files).\n`);
    return 0;
  }
  rmSync(target, { recursive: true, force: true });
  await applyPlan(plan, target);
  process.stdout.write(`examples/${plan.name}: ${plan.files.length} files\n`);
  return 0;
}

process.exitCode = await main(process.argv.includes('--check'));
