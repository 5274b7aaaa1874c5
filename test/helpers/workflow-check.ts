import { register } from 'node:module';
import { parse } from 'yaml';

/**
 * @actions/workflow-parser imports its JSON schema without an import attribute, which Node 20
 * refuses (and vitest leaves node_modules to Node). This loader hook supplies the attribute for
 * JSON files, registered once before the parser is first imported.
 */
const jsonHook = `export async function load(url, context, next) {
  if (url.endsWith('.json') && !context.importAttributes?.type) {
    return next(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return next(url, context);
}`;
let parser: Promise<typeof import('@actions/workflow-parser')> | undefined;
function loadParser() {
  if (!parser) {
    register(`data:text/javascript,${encodeURIComponent(jsonHook)}`);
    parser = import('@actions/workflow-parser');
  }
  return parser;
}

/**
 * Errors GitHub's own workflow parser reports for a workflow file: schema errors from parsing,
 * then semantic ones (jobs, needs, expressions) from converting to the workflow model.
 */
export async function workflowErrors(name: string, content: string): Promise<string[]> {
  const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await loadParser();
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (parsed.value === undefined) return errors.length > 0 ? errors : ['the workflow did not parse'];
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  return [...errors, ...(template.errors ?? []).map((error) => error.Message)];
}

type Job = {
  stage?: string;
  needs?: (string | { job: string })[];
  extends?: string | string[];
  script?: unknown;
};

/**
 * What `gitlab-ci-lint` would catch structurally, without a GitLab server: every job has a
 * stage from `stages`, `needs` and `extends` point at defined jobs/templates, every job runs a
 * script (directly or through extends).
 */
export function gitlabErrors(content: string): string[] {
  const document = parse(content) as Record<string, unknown>;
  const stages = (document.stages as string[] | undefined) ?? ['build', 'test', 'deploy'];
  const reserved = new Set([
    'stages',
    'default',
    'variables',
    'include',
    'workflow',
    'image',
    'services',
    'cache',
  ]);
  const entries = Object.entries(document).filter(([key]) => !reserved.has(key)) as [string, Job][];
  const defined = new Map(entries);
  const resolve = (job: Job, seen = new Set<Job>()): Job => {
    if (seen.has(job)) return job;
    seen.add(job);
    const parents = job.extends === undefined ? [] : [job.extends].flat();
    return parents.reduce<Job>(
      (merged, parent) => ({ ...resolve(defined.get(parent) ?? {}, seen), ...merged }),
      job,
    );
  };
  const errors: string[] = [];
  for (const [name, job] of entries) {
    for (const parent of job.extends === undefined ? [] : [job.extends].flat()) {
      if (!defined.has(parent)) errors.push(`${name}: extends unknown ${parent}`);
    }
    if (name.startsWith('.')) continue;
    const full = resolve(job);
    const stage = full.stage ?? 'test';
    if (!stages.includes(stage)) errors.push(`${name}: stage ${stage} is not in stages`);
    if (full.script === undefined) errors.push(`${name}: no script`);
    for (const need of full.needs ?? []) {
      const target = typeof need === 'string' ? need : need.job;
      const dependency = defined.get(target);
      if (!dependency || target.startsWith('.')) errors.push(`${name}: needs unknown job ${target}`);
      else if (stages.indexOf(resolve(dependency).stage ?? 'test') > stages.indexOf(stage)) {
        errors.push(`${name}: needs ${target}, which runs in a later stage`);
      }
    }
  }
  return errors;
}
