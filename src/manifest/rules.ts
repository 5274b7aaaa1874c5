import { closest } from '../core/suggest.js';

/** A problem found by a cross-field rule, at a path into the manifest. */
export interface RuleProblem {
  path: (string | number)[];
  message: string;
}

type Path = (string | number)[];
type Item = Record<string, unknown>;

// The rules read the raw document, so they report alongside schema errors instead of after them.
const items = (value: unknown): Item[] =>
  Array.isArray(value) ? value.map((v) => (v && typeof v === 'object' ? (v as Item) : {})) : [];
const section = (value: unknown): Item =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Item) : {};
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Rules that span fields or sections, which a schema of one field at a time cannot state. */
export function checkRules(raw: unknown): RuleProblem[] {
  const manifest = section(raw);
  const environments = items(manifest.environments);
  const integrations = items(manifest.integrations);
  return [
    ...uniqueNames(environments, ['environments']),
    ...uniqueNames(integrations, ['integrations']),
    ...uniqueNames(items(section(manifest.data).datasets), ['data', 'datasets']),
    ...environments.flatMap((env, i) => uniqueNames(items(env.clusters), ['environments', i, 'clusters'])),
    ...environmentOrder(environments),
    ...gitopsSettings(environments),
    ...integrationEndpoints(integrations, environments),
    ...freezeWindows(manifest, environments),
  ];
}

function uniqueNames(list: Item[], at: Path): RuleProblem[] {
  const seen = new Set<string>();
  return list.flatMap((item, i) => {
    const name = text(item.name);
    if (name === undefined || !seen.has(name)) {
      if (name !== undefined) seen.add(name);
      return [];
    }
    return [{ path: [...at, i, 'name'], message: `duplicate name "${name}"` }];
  });
}

function environmentOrder(environments: Item[]): RuleProblem[] {
  const names = environments.map((env) => text(env.name)).filter((name) => name !== undefined);
  const after = new Map(environments.map((env) => [text(env.name), text(env.after)]));
  return environments.flatMap((env, i): RuleProblem[] => {
    const name = text(env.name);
    const first = text(env.after);
    if (first === undefined || name === undefined) return [];
    if (!names.includes(first)) {
      const suggestion = closest(first, names);
      return [
        {
          path: ['environments', i, 'after'],
          message: `unknown environment "${first}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known: ${names.join(', ')}`,
        },
      ];
    }
    const chain = [name];
    for (let next: string | undefined = first; next !== undefined; next = after.get(next)) {
      if (next === name) {
        return [
          {
            path: ['environments', i, 'after'],
            message: `environment order has a cycle: ${[...chain, next].join(' -> ')}`,
          },
        ];
      }
      if (chain.includes(next)) break; // a cycle elsewhere, reported on its own members
      chain.push(next);
    }
    return [];
  });
}

function gitopsSettings(environments: Item[]): RuleProblem[] {
  return environments.flatMap((env, i) =>
    env.deployer === 'gitops' && env.gitops === undefined
      ? [
          {
            path: ['environments', i, 'deployer'],
            message: 'deployer "gitops" needs a gitops section with repo (the environment repository)',
          },
        ]
      : [],
  );
}

function integrationEndpoints(integrations: Item[], environments: Item[]): RuleProblem[] {
  if (environments.length === 0) return [];
  const known = ['mock', ...environments.map((env) => text(env.name)).filter((name) => name !== undefined)];
  return integrations.flatMap((integration, i) =>
    Object.keys(section(integration.endpoints))
      .filter((env) => !known.includes(env))
      .map((env) => {
        const suggestion = closest(env, known);
        return {
          path: ['integrations', i, 'endpoints', env],
          message: `endpoint for unknown environment "${env}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known: ${known.join(', ')}`,
        };
      }),
  );
}

function freezeWindows(manifest: Item, environments: Item[]): RuleProblem[] {
  const windows = [
    ...items(section(manifest.gates).freeze).map((window, j) => ({ window, path: ['gates', 'freeze', j] })),
    ...environments.flatMap((env, i) =>
      items(section(env.gates).freeze).map((window, j) => ({
        window,
        path: ['environments', i, 'gates', 'freeze', j],
      })),
    ),
  ];
  return windows
    .filter(({ window }) => window.start !== undefined && window.start === window.end)
    .map(({ path }) => ({
      path: [...path, 'end'],
      message: 'a freeze window must not start and end at the same time',
    }));
}
