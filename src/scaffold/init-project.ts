import { relative, resolve } from 'node:path';

import { applyPlan, checkTarget } from './apply.js';
import { mergeAnswers, readAnswersFile, type AnswerFlags } from './answer-sources.js';
import { buildContext } from './build-context.js';
import { initGitRepository, type GitResult } from './git-init.js';
import { planProject, sha256 } from './plan.js';
import { inquirerAsker, promptAnswers, type Asker } from './prompt-answers.js';
import { normaliseProjectName } from './project-name.js';

/** The name `poc init --yes` uses when none is given: a demo to look around in. */
export const DEMO_NAME = 'poc-demo';

export interface InitRequest {
  /** Answers from flags and POC_* variables (the NAME argument is `name`). */
  flags: AnswerFlags;
  answersFile?: string;
  /** Where to create the project; default `./NAME`. */
  dir?: string;
  /** Ask what flags and the answers file left open (a person at a terminal, without --yes). */
  interactive: boolean;
  dryRun: boolean;
  force: boolean;
  git: boolean;
  /** For tests: a scripted conversation instead of @inquirer/prompts. */
  asker?: Asker;
  notice: (message: string) => void;
  cwd?: string;
}

export interface InitFile {
  path: string;
  sha256: string;
  bytes: number;
  source: string;
}

export interface InitResult {
  name: string;
  useCase: string;
  dir: string;
  templateVersion: string;
  dryRun: boolean;
  files: InitFile[];
  /** Files that existed and were replaced (only with --force). */
  overwritten: string[];
  git?: GitResult;
  nextSteps: string[];
}

/**
 * `poc init` from answers to a committed project: gather answers (flags > answers file >
 * prompts > defaults), validate them all at once, plan every file in memory, check the target,
 * then (unless dry run) write it atomically and make the initial commit.
 */
export async function initProject(request: InitRequest): Promise<InitResult> {
  const cwd = request.cwd ?? process.cwd();
  const fromFile = request.answersFile ? await readAnswersFile(resolve(cwd, request.answersFile)) : {};
  let answers = mergeAnswers(fromFile, request.flags);
  if (request.interactive) answers = await promptAnswers(answers, request.asker ?? (await inquirerAsker()));
  if (answers.name === undefined) answers.name = DEMO_NAME;
  if (typeof answers.name === 'string') {
    const { name, changedFrom } = normaliseProjectName(answers.name);
    if (changedFrom !== undefined) request.notice(`Project name "${changedFrom}" normalised to "${name}".`);
    answers.name = name;
  }

  const context = buildContext(answers);
  const target = resolve(cwd, request.dir ?? context.name);
  const display = relative(cwd, target) || '.';
  await checkTarget(target, display, { force: request.force });
  const plan = await planProject(context);
  const files = plan.files.map((file) => ({
    path: file.path,
    sha256: sha256(file.content),
    bytes: file.content.length,
    source: file.source,
  }));
  const result: InitResult = {
    name: context.name,
    useCase: context.useCase,
    dir: target,
    templateVersion: plan.templateVersion,
    dryRun: request.dryRun,
    files,
    overwritten: [],
    nextSteps: nextSteps(display, context.integrations.length > 0),
  };
  if (request.dryRun) return result;

  const applied = await applyPlan(plan, target, { force: request.force });
  result.overwritten = applied.overwritten;
  if (request.git) {
    result.git = await initGitRepository(
      target,
      `Create ${context.name} with poc init (poc2prod ${plan.templateVersion})`,
    );
    if (result.git.skipped) request.notice(result.git.skipped);
  }
  return result;
}

function nextSteps(dir: string, hasIntegrations: boolean): string[] {
  return [
    ...(dir === '.' ? [] : [`cd ${dir}`]),
    'npm ci && npm test',
    'poc validate',
    ...(hasIntegrations ? ['poc mock   # serve the plant-system contracts locally'] : []),
    'poc bench',
    'poc audit',
  ];
}
