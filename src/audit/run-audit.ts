import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';

import { UserError } from '../core/errors.js';
import { packageVersion } from '../scaffold/index.js';
import { actionPlan } from './action-plan.js';
import { CHECKS } from './checks/registry.js';
import { evaluateCheck } from './evaluate.js';
import { gatherFacts, type RepoFacts } from './inventory/facts.js';
import { gitTrackedFiles } from './inventory/git-tracked.js';
import { RepoIndex } from './inventory/repo-index.js';
import { walkRepository } from './inventory/walk.js';
import { maturity } from './maturity.js';
import { score } from './scoring.js';
import type { AuditResult, Finding } from './types.js';
import { applyWaivers, readWaivers } from './waivers.js';

export interface AuditOptions {
  /** The day waivers are judged against; defaults to today (UTC). */
  now?: Date;
  /** How the path is shown in the result; defaults to the path as given. */
  displayPath?: string;
}

const MAX_LISTED_SKIPS = 200;

/** Audits a directory (any repository, with or without poc.yaml). Reads only; writes nothing. */
export async function runAudit(path: string, options: AuditOptions = {}): Promise<AuditResult> {
  const root = resolve(path);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UserError(`${path} ${info ? 'is not a directory' : 'does not exist'}.`, {
      code: 'NOT_A_DIRECTORY',
      hint: 'Pass the root directory of the repository to audit, e.g. "poc audit ." or "poc audit ../line-3".',
    });
  }
  const [walk, tracked] = await Promise.all([walkRepository(root), gitTrackedFiles(root)]);
  const facts = gatherFacts(new RepoIndex(walk, tracked));
  const date = (options.now ?? new Date()).toISOString().slice(0, 10);
  const { schemaVersion, tool, ...rest } = assemble(facts, date);
  // Key order is the JSON's order: identity first, then scores, then detail.
  return {
    schemaVersion,
    tool,
    path: options.displayPath ?? path,
    project: { name: projectName(facts, root), manifest: facts.pocYaml !== undefined },
    ...rest,
    scanned: {
      files: walk.files.length,
      skippedCount: walk.skipped.length,
      skipped: walk.skipped.slice(0, MAX_LISTED_SKIPS),
    },
  };
}

/** Everything that follows from the facts: findings, waivers, scores, maturity, plan. */
export function assemble(facts: RepoFacts, date: string): Omit<AuditResult, 'path' | 'project' | 'scanned'> {
  const waivers = readWaivers(facts, date);
  const findings: Finding[] = applyWaivers(
    CHECKS.map((check) => evaluateCheck(check, facts)),
    waivers,
  );
  const scores = score(findings);
  const count = (status: Finding['status']) => findings.filter((finding) => finding.status === status).length;
  return {
    schemaVersion: 1,
    tool: { name: 'poc-audit', version: packageVersion() },
    date,
    ...scores,
    maturity: maturity(findings),
    summary: {
      checks: findings.length,
      passed: count('pass'),
      partial: count('partial'),
      failed: count('fail'),
      notApplicable: count('not-applicable'),
      waived: count('waived'),
    },
    findings,
    actions: actionPlan(findings),
    waivers,
  };
}

/** poc.yaml's project name, else pyproject's or package.json's, else the directory name. */
export function projectName(facts: RepoFacts, root: string): string {
  const fromManifest = (facts.pocYaml?.raw as { project?: { name?: unknown } } | undefined)?.project?.name;
  if (typeof fromManifest === 'string' && fromManifest) return fromManifest;
  const pyproject = /^\s*name\s*=\s*["']([^"']+)["']/m.exec(facts.index.text('pyproject.toml') ?? '')?.[1];
  if (pyproject) return pyproject;
  try {
    const pkg = JSON.parse(facts.index.text('package.json') ?? '{}') as { name?: unknown };
    if (typeof pkg.name === 'string' && pkg.name) return pkg.name.replace(/^@[^/]+\//, '');
  } catch {
    // A malformed package.json is reported by OPS-008; the name falls back to the directory.
  }
  return basename(root);
}
