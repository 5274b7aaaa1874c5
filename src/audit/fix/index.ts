import { lstatSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { UserError } from '../../core/errors.js';
import { applyPlan, buildContext, planProject, type Plan, type PlannedFile } from '../../scaffold/index.js';
import { checkById } from '../checks/registry.js';
import { evaluateCheck } from '../evaluate.js';
import { gatherFacts, type RepoFacts } from '../inventory/facts.js';
import { RepoIndex } from '../inventory/repo-index.js';
import { walkRepository, type RepoFile } from '../inventory/walk.js';
import type { AuditResult } from '../types.js';
import { answersFor } from './project-answers.js';

export interface FixFile {
  path: string;
  bytes: number;
  /** The checks this file makes pass. */
  checks: string[];
}

export interface FixPlan {
  /** The answers the templates were rendered with (name, use case, owners …). */
  answers: Record<string, unknown>;
  files: FixFile[];
  /** Open fixable checks the templates cannot fix here, and why. */
  skipped: Array<{ check: string; reason: string }>;
  /** The rendered files, for applyFix; not part of the JSON result. */
  plan: Plan;
}

export interface FixResult {
  written: string[];
}

/** Root files a scaffolded source tree needs to build and test. */
const BUILD_FILE =
  /^(package\.json|package-lock\.json|tsconfig[^/]*\.json|\.npmrc|vitest\.config\.[mc]?[jt]s)$/;

/** Any entry at the path, a broken symlink included: the fix never replaces anything. */
function occupied(root: string, path: string): boolean {
  try {
    lstatSync(join(root, path));
    return true;
  } catch {
    return false;
  }
}

/** A planned project as a repository, so the same checks tell which planned files are evidence. */
function plannedIndex(files: PlannedFile[]): RepoIndex {
  const repoFiles: RepoFile[] = files.map((file) => ({
    path: file.path,
    size: file.content.length,
    mtimeMs: 0,
    ...(file.content.subarray(0, 8000).includes(0) ? {} : { text: file.content.toString('utf8') }),
  }));
  const dirs = new Set<string>();
  for (const file of files)
    for (let i = file.path.indexOf('/'); i !== -1; i = file.path.indexOf('/', i + 1))
      dirs.add(file.path.slice(0, i));
  return new RepoIndex({ files: repoFiles, dirs: [...dirs].sort() });
}

/** A chart is one unit: a lone template in a chart-less repository is useless. */
function chartDirOf(path: string, planned: RepoFacts): string | undefined {
  return planned.kube.charts.find((chart) => chart.dir && path.startsWith(`${chart.dir}/`))?.dir;
}

/**
 * Which `poc init` files would close the open fixable findings: the checks are run on the
 * rendered project, and the files they cite as evidence (whole charts for chart files) are
 * proposed, except files the repository already has, which are never overwritten.
 */
export async function planFix(root: string, result: AuditResult): Promise<FixPlan> {
  const walk = await walkRepository(resolve(root));
  const facts = gatherFacts(new RepoIndex(walk));
  const answers = answersFor(facts, result.project.name);
  const plan = await planProject(buildContext(answers));
  const planned = gatherFacts(plannedIndex(plan.files));
  const byPath = new Map(plan.files.map((file) => [file.path, file]));
  const chosen = new Map<string, Set<string>>();
  const skipped: FixPlan['skipped'] = [];
  const exists = (path: string) => occupied(root, path);
  const hasOwnChart = facts.kube.charts.length > 0 || facts.kube.kustomizations.length > 0;

  for (const finding of result.findings) {
    if (!finding.fixable || (finding.status !== 'fail' && finding.status !== 'partial')) continue;
    const check = checkById(finding.id)!;
    const outcome = evaluateCheck(check, planned);
    if (outcome.status !== 'pass') {
      skipped.push({ check: finding.id, reason: 'the templates do not cover it for this project' });
      continue;
    }
    const wanted = new Set<string>();
    for (const evidence of outcome.evidence) {
      const chart = chartDirOf(evidence.file, planned);
      if (chart) {
        if (hasOwnChart) continue;
        for (const file of plan.files) if (file.path.startsWith(`${chart}/`)) wanted.add(file.path);
      } else {
        // A file in a top-level directory the repository lacks comes with its whole directory:
        // a server.ts without the modules it imports is no fix.
        const top = evidence.file.includes('/')
          ? evidence.file.slice(0, evidence.file.indexOf('/'))
          : undefined;
        if (top && !exists(top)) {
          for (const file of plan.files) if (file.path.startsWith(`${top}/`)) wanted.add(file.path);
        } else wanted.add(evidence.file);
      }
    }
    // Source needs its build files (package.json, tsconfig …) to build.
    if ([...wanted].some((path) => path.startsWith('src/')))
      for (const file of plan.files) if (BUILD_FILE.test(file.path)) wanted.add(file.path);
    const creatable = [...wanted].filter((path) => byPath.has(path) && !exists(path));
    if (creatable.length === 0) {
      const reason =
        hasOwnChart && outcome.evidence.some((item) => chartDirOf(item.file, planned))
          ? 'the repository has its own chart or manifests; add it there'
          : `the fix belongs in a file that exists (${[...wanted].filter(exists).join(', ') || 'none'}); edit it by hand`;
      skipped.push({ check: finding.id, reason });
      continue;
    }
    for (const path of creatable) {
      if (!chosen.has(path)) chosen.set(path, new Set());
      chosen.get(path)!.add(finding.id);
    }
  }
  const files = [...chosen.keys()].sort().map((path) => ({
    path,
    bytes: byPath.get(path)!.content.length,
    checks: [...chosen.get(path)!].sort(),
  }));
  return {
    answers,
    files,
    skipped,
    plan: { ...plan, files: files.map((file) => byPath.get(file.path)!) },
  };
}

/** Writes the planned files with the init engine (staged, then moved); refuses to overwrite. */
export async function applyFix(root: string, fix: FixPlan): Promise<FixResult> {
  const clash = fix.plan.files.filter((file) => occupied(root, file.path));
  if (clash.length > 0) {
    throw new UserError(
      `${clash.map((file) => file.path).join(', ')} appeared since the plan was made; nothing was written.`,
      {
        code: 'FIX_CONFLICT',
        hint: 'Run "poc audit --fix" again to plan against the current files.',
      },
    );
  }
  if (fix.plan.files.length === 0) return { written: [] };
  // force only lets the engine write into a non-empty directory: every file is new (checked above).
  const applied = await applyPlan(fix.plan, root, { force: true });
  return { written: applied.files.map((file) => file.path) };
}
