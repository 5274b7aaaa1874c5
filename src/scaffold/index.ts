/**
 * The `poc init` engine: answers -> context -> plan (pure) -> apply (I/O).
 *
 *   const context = buildContext({ name: 'line-3', useCase: 'quality-inspection' });
 *   const plan = await planProject(context);          // every file, rendered in memory
 *   await applyPlan(plan, './line-3', { force: false }); // staged, then moved into place
 *
 * Templates live in templates/project/ (shared base) and templates/usecases/<useCase>/ (overlay:
 * a file there replaces the base file with the same output path). Rules for template authors:
 *
 * - Only `*.hbs` files are rendered (Handlebars, `strict: true`, `noEscape: true`, the helpers
 *   documented in helpers.ts); the suffix is dropped. Everything else is copied byte for byte
 *   (so Helm templates are plain files and their `{{ }}` reach Helm untouched). The context is
 *   `TemplateContext` in context.ts.
 * - `__name__` anywhere in a path becomes the project name (`deploy/helm/__name__/Chart.yaml.hbs`).
 * - `__facility__` in a path renders the file once per production facility, with `facility` in the
 *   context and `__facility__` replaced by it (`values-production-__facility__.yaml.hbs`).
 * - Store `.gitignore` as `_gitignore` and `.npmrc` as `_npmrc` (npm would drop or obey them when
 *   packing poc2prod); they are renamed on output. Other dotfiles (`.dockerignore`, `.github/`)
 *   are stored as they are.
 * - Conditional files, see inclusion.ts: a `__if_<flag>__` prefix on a file or directory name
 *   (`src/__if_sensors-mqtt__mqtt-ingest.ts`, `__if_hasRest__rest/` ...), the rule table for
 *   `.github/`, `.gitlab-ci.yml` and integration contracts, and "a `*.hbs` that renders to only
 *   whitespace is not written".
 * - An executable template (chmod +x) gives an executable file (0755); all else is 0644.
 * - Nothing may depend on the clock or the environment: same answers + same version = same bytes.
 *
 * The engine adds `.poc/answers.yaml` (the answers, no secrets) and `.poc/files.lock` (template
 * version and sha256 of every other generated file).
 */
export {
  answersSchema,
  CI_PROVIDERS,
  DEFAULT_INTEGRATIONS,
  type Answers,
  type AnswersInput,
} from './answers.js';
export { applyPlan, type ApplyOptions, type ApplyResult, type WrittenFile } from './apply.js';
export { answersOf, buildContext, resolveAnswers, type BuildContextOptions } from './build-context.js';
export type { IntegrationId, TemplateContext, TemplateIntegration, UseCase } from './context.js';
export { helpers } from './helpers.js';
export { INCLUSION_RULES, pathFlags } from './inclusion.js';
export { INTEGRATIONS, INTEGRATION_IDS, integrationById, type IntegrationEntry } from './integrations.js';
export { PACKAGE_ROOT, packageVersion, TEMPLATES_ROOT } from './package-root.js';
export {
  ANSWERS_FILE,
  LOCK_FILE,
  planProject,
  sha256,
  type Plan,
  type PlannedFile,
  type PlanOptions,
} from './plan.js';
export { normaliseProjectName, type NormalisedName } from './project-name.js';
export { mergeAnswers, readAnswersFile, type AnswerFlags, type PartialAnswers } from './answer-sources.js';
export { checkTarget } from './apply.js';
export { initGitRepository, type GitResult } from './git-init.js';
export { DEMO_NAME, initProject, type InitFile, type InitRequest, type InitResult } from './init-project.js';
export { inquirerAsker, promptAnswers, type Asker } from './prompt-answers.js';
