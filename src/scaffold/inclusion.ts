import type { TemplateContext } from './context.js';
import { INTEGRATIONS } from './integrations.js';

/**
 * Which template files a project gets. Three mechanisms, checked in this order:
 *
 * 1. Path markers. A path segment starting with `__if_<flag>__` is kept only when the flag holds,
 *    and the marker is removed from the output path:
 *    `src/integrations/__if_sensors-mqtt__mqtt-ingest.ts` -> `src/integrations/mqtt-ingest.ts`,
 *    only when sensors-mqtt is chosen. A marker on a directory applies to everything below it.
 *    Flags: see `pathFlags` below (integration ids, hasRest, hasMqtt, github, gitlab, s3, local,
 *    quality-inspection, predictive-maintenance). An unknown flag is a template bug (error).
 * 2. The rule table below, for files whose names must stay as tools expect them
 *    (`.github/`, `.gitlab-ci.yml`, the contract of each registry integration).
 * 3. Empty render means skip: a `*.hbs` file whose output is only whitespace is not written.
 *
 * Use-case overlays (templates/usecases/<useCase>/) replace base files with the same output path.
 */
export interface InclusionRule {
  /** Output path (after `__name__`, dotfile and marker substitution), relative to the project. */
  matches: (path: string) => boolean;
  include: (context: TemplateContext) => boolean;
  why: string;
}

export const INCLUSION_RULES: readonly InclusionRule[] = [
  {
    matches: (path) => path.startsWith('.github/'),
    include: (context) => context.ci.github,
    why: 'GitHub Actions only when github is a chosen CI provider',
  },
  {
    matches: (path) => path === '.gitlab-ci.yml' || path.startsWith('.gitlab/'),
    include: (context) => context.ci.gitlab,
    why: 'GitLab CI only when gitlab is a chosen CI provider',
  },
  ...INTEGRATIONS.map((entry): InclusionRule => ({
    matches: (path) => path === entry.contract,
    include: (context) => context.integrations.some((chosen) => chosen.id === entry.id),
    why: `the ${entry.system} contract only when ${entry.id} is chosen`,
  })),
];

/** The flags a `__if_<flag>__` path marker can test. */
export function pathFlags(context: TemplateContext): Record<string, boolean> {
  return {
    ...Object.fromEntries(INTEGRATIONS.map((entry) => [entry.id, false])),
    ...Object.fromEntries(context.integrations.map((entry) => [entry.id, true])),
    hasRest: context.hasRest,
    hasMqtt: context.hasMqtt,
    github: context.ci.github,
    gitlab: context.ci.gitlab,
    s3: context.remote.type === 's3',
    local: context.remote.type === 'local',
    'quality-inspection': context.useCaseIs.qualityInspection,
    'predictive-maintenance': context.useCaseIs.predictiveMaintenance,
  };
}

export function includedByRules(path: string, context: TemplateContext): boolean {
  return INCLUSION_RULES.every((rule) => !rule.matches(path) || rule.include(context));
}
