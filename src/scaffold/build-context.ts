import type { z } from 'zod';

import { schemaUrl } from '../manifest/index.js';
import type { Problem } from '../core/errors.js';
import { UserError } from '../core/errors.js';
import { ANSWER_FLAGS, answersSchema, DEFAULT_INTEGRATIONS, DESCRIPTIONS, type Answers } from './answers.js';
import type { TemplateContext } from './context.js';
import { INTEGRATIONS } from './integrations.js';
import { packageVersion } from './package-root.js';

export interface BuildContextOptions {
  /** Defaults to the running poc2prod version. */
  templateVersion?: string;
  /** Names the answers' origin in problems, e.g. the --answers file. */
  source?: string;
}

/** Validates answers (every problem at once) and fills the defaults. Exit 2 on bad answers. */
export function resolveAnswers(input: unknown, source?: string): Answers {
  const result = answersSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => toProblem(issue, input, source));
  throw new UserError(
    `The answers${source ? ` in ${source}` : ''} have ${problems.length} problem${problems.length === 1 ? '' : 's'}.`,
    {
      code: 'INVALID_ANSWERS',
      problems,
      hint: 'Fix each listed answer; `poc init --help` lists every answer and its flag.',
    },
  );
}

/**
 * Everything the templates see, from the answers alone (pure: no clock, no environment, no
 * I/O beyond the cached package version), so the same answers and template version always
 * render the same bytes.
 */
export function buildContext(input: unknown, options: BuildContextOptions = {}): TemplateContext {
  const answers = resolveAnswers(input, options.source);
  const chosen: readonly string[] = answers.integrations ?? DEFAULT_INTEGRATIONS[answers.useCase];
  // Registry order, not answer order: the same set of integrations renders the same bytes.
  const integrations = INTEGRATIONS.filter((entry) => chosen.includes(entry.id)).map(
    ({ id, name, kind, system, contract, mockEndpoint }) => ({
      id,
      name,
      kind,
      system,
      contract,
      mockEndpoint,
    }),
  );
  const templateVersion = options.templateVersion ?? packageVersion();
  return {
    name: answers.name,
    useCase: answers.useCase,
    useCaseIs: {
      qualityInspection: answers.useCase === 'quality-inspection',
      predictiveMaintenance: answers.useCase === 'predictive-maintenance',
    },
    description: answers.description ?? DESCRIPTIONS[answers.useCase],
    templateVersion,
    integrations,
    hasRest: integrations.some((entry) => entry.kind === 'rest'),
    hasMqtt: integrations.some((entry) => entry.kind === 'mqtt'),
    remote:
      answers.remote.type === 'local'
        ? { type: 'local', path: answers.remote.path }
        : {
            type: 's3',
            bucket: answers.remote.bucket,
            prefix: answers.remote.prefix,
            region: answers.remote.region,
            ...(answers.remote.endpoint === undefined ? {} : { endpoint: answers.remote.endpoint }),
          },
    ci: { github: answers.ci.includes('github'), gitlab: answers.ci.includes('gitlab') },
    registry: answers.registry,
    image: `${answers.registry}/${answers.name}`,
    facilities: [...answers.facilities],
    sla: { ...answers.sla },
    owners: { ...answers.owners },
    schemaUrl: schemaUrl(templateVersion),
  };
}

/**
 * The answers a context was built from, in canonical form: what `.poc/answers.yaml` records,
 * so `poc init --answers .poc/answers.yaml` reproduces the project byte for byte.
 */
export function answersOf(context: TemplateContext): Answers {
  return {
    name: context.name,
    useCase: context.useCase,
    description: context.description,
    integrations: context.integrations.map((entry) => entry.id),
    remote: context.remote,
    ci: [
      ...(context.ci.github ? ['github' as const] : []),
      ...(context.ci.gitlab ? ['gitlab' as const] : []),
    ],
    registry: context.registry,
    facilities: context.facilities,
    sla: context.sla,
    owners: context.owners,
  } as Answers;
}

function toProblem(issue: z.core.$ZodIssue, input: unknown, source?: string): Problem {
  const path = issue.path.map(String).join('.');
  let message = issue.message;
  const given = issue.path.reduce<unknown>(
    (at, key) => (at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined),
    input,
  );
  if (issue.code !== 'unrecognized_keys' && given !== undefined && typeof given !== 'object') {
    message = `${message}, got ${JSON.stringify(given)}`;
  }
  if (issue.code === 'unrecognized_keys')
    message = `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
  const flag =
    ANSWER_FLAGS[path] ??
    ANSWER_FLAGS[issue.path.slice(0, 2).map(String).join('.')] ??
    ANSWER_FLAGS[String(issue.path[0])];
  if (flag) message = `${message} (set with ${flag})`;
  return { ...(source ? { file: source } : {}), ...(path ? { path } : {}), message };
}
