import { readFile } from 'node:fs/promises';
import { z } from 'zod';

import { UserError } from '../../core/errors.js';
import { closest } from '../../core/suggest.js';
import { parseLocatedYaml } from '../document/located-yaml.js';
import { parseSeconds } from './duration.js';

const seconds = z.union([z.number().nonnegative(), z.string()]).transform((value, ctx) => {
  const parsed = parseSeconds(value);
  if (parsed === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be a duration such as 500ms, 30s, 90m or 2h' });
    return z.NEVER;
  }
  return parsed;
});

/** When an effect applies: [from, to) seconds after the start; open-ended when omitted. */
const window = { from: seconds.optional(), to: seconds.optional() };
const probability = z.number().min(0).max(1);

export const effectSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('drift'), ...window, perHour: z.number().describe('units per hour') }),
  z.strictObject({ type: z.literal('step'), at: seconds, by: z.number() }),
  z.strictObject({
    type: z.literal('spikes'),
    ...window,
    rate: probability,
    magnitude: z.number().optional(),
  }),
  z.strictObject({ type: z.literal('dropouts'), ...window, rate: probability, length: seconds.optional() }),
  z.strictObject({ type: z.literal('gap'), from: seconds, to: seconds }),
  z.strictObject({ type: z.literal('stuck'), from: seconds, to: seconds.optional() }),
  z.strictObject({ type: z.literal('outOfOrder'), ...window, rate: probability }),
  z.strictObject({ type: z.literal('duplicates'), ...window, rate: probability }),
  z.strictObject({
    type: z.literal('badQuality'),
    ...window,
    rate: probability.default(1),
    value: z.enum(['bad', 'uncertain']).default('bad'),
  }),
  z.strictObject({
    type: z.literal('clockSkew'),
    ...window,
    offset: z.union([z.number(), z.string()]).transform((v, ctx) => {
      const negative = typeof v === 'string' && v.trim().startsWith('-');
      const parsed = parseSeconds(typeof v === 'string' ? v.trim().replace(/^-/, '') : Math.abs(v));
      if (parsed === undefined) {
        ctx.addIssue({ code: 'custom', message: 'must be a duration such as 2s or -500ms' });
        return z.NEVER;
      }
      return (negative || (typeof v === 'number' && v < 0) ? -1 : 1) * parsed;
    }),
  }),
]);

export type Effect = z.output<typeof effectSchema>;

const channelScenario = z.strictObject({
  /** Only this payload field; all numeric fields when omitted. */
  field: z.string().optional(),
  baseline: z.number().optional(),
  noise: z.number().nonnegative().optional(),
  effects: z.array(effectSchema).default([]),
});

export type ChannelScenario = z.output<typeof channelScenario>;

const scenarioSchema = z.strictObject({
  description: z.string().optional(),
  seed: z.int().optional(),
  start: z.iso.datetime({ offset: true }).optional().describe('Virtual start time of the run'),
  duration: seconds.optional(),
  /** Applied to every channel before its own entry. */
  all: channelScenario.optional(),
  channels: z.record(z.string(), channelScenario).default({}),
});

export type Scenario = z.output<typeof scenarioSchema> & { file?: string };

/** An empty scenario: healthy signals, baseline plus noise. */
export const HEALTHY: Scenario = { channels: {} };

/**
 * Reads a scenario file. Schema problems and channels that no contract declares are UserErrors
 * with file:line, so a typo never silently simulates a healthy plant.
 */
export async function loadScenario(path: string, known: string[], file = path): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UserError(`Cannot read scenario ${file}: ${(error as NodeJS.ErrnoException).code ?? error}.`, {
      code: 'SCENARIO_MISSING',
      hint: 'Pass --scenario with the path of a scenario YAML file.',
    });
  }
  return parseScenario(text, known, file);
}

export function parseScenario(text: string, known: string[], file: string): Scenario {
  const { root, problemAt } = parseLocatedYaml(text, file, 'SCENARIO_INVALID');
  const parsed = scenarioSchema.safeParse(root ?? {});
  if (!parsed.success) {
    throw new UserError(`${file} is not a valid scenario.`, {
      code: 'SCENARIO_INVALID',
      hint: 'See "poc mock --help" for the scenario format and the effect types.',
      problems: parsed.error.issues.map((issue) => problemAt(issue.path as PropertyKey[], issue.message)),
    });
  }
  const unknown = Object.keys(parsed.data.channels).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UserError(
      `${file} names ${unknown.length} channel${unknown.length === 1 ? '' : 's'} no contract declares.`,
      {
        code: 'SCENARIO_UNKNOWN_CHANNEL',
        hint: `Known channels: ${[...new Set(known)].join(', ') || '(none)'}.`,
        problems: unknown.map((name) => {
          const guess = closest(name, known);
          return problemAt(
            ['channels', name],
            `unknown channel "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}`,
            { key: true },
          );
        }),
      },
    );
  }
  return { ...parsed.data, file };
}
