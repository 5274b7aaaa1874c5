import type { HelperDelegate, HelperOptions } from 'handlebars';

import type { TemplateContext } from './context.js';

/**
 * The Handlebars helpers every template may use. Templates render with `strict: true` (a
 * missing field is an error, not an empty string) and `noEscape: true` (no HTML escaping:
 * these are YAML, Markdown and code files). Helpers take care of the two things templates
 * otherwise get wrong: quoting and casing.
 *
 *   {{json value}}              JSON text of any value. A JSON string is a valid YAML scalar, so
 *                               `owner: {{json owners.model}}` is safe whatever the owner contains.
 *   {{eq a b}} {{ne a b}}       strict (in)equality, for `{{#if (eq useCase "quality-inspection")}}`
 *   {{and a b ...}} {{or a b ...}} {{not a}}   boolean logic for `#if`
 *   {{includes list value}}     list membership, e.g. `(includes facilities "plant-a")`
 *   {{hasIntegration "mes-rest"}}  whether that registry integration was chosen
 *   {{integration "mes-rest"}}  the chosen integration object (or undefined) for `#with`
 *   {{join list ", "}}          list joined with a separator (default ", ")
 *   {{upper s}} {{lower s}}     case
 *   {{pascal "line-3-defects"}} -> Line3Defects     {{camel ...}} -> line3Defects
 *   {{snake "line-3-defects"}}  -> line_3_defects   {{constant ...}} -> LINE_3_DEFECTS
 *   {{title "line-3-defects"}}  -> Line 3 Defects
 *   {{email "Jane <j@x.io>"}}   -> j@x.io (the contact itself when it holds no <address>)
 *   {{contactName "Jane <j@x.io>"}} -> Jane
 *   {{percentile sla.percentile}} -> p95 (p99.9 for 99.9)
 *   {{add a b}}                 sum of two numbers, e.g. ports
 *   {{registryHost "ghcr.io/acme"}} -> ghcr.io (what `docker login` takes)
 *   {{startsWith s prefix}}     string prefix test, e.g. `(startsWith registry "ghcr.io/")`
 *
 * GitHub Actions and GitLab expressions use `${{ }}` too: write `$\{{ github.sha }}` in a `.hbs`
 * template (Handlebars' inline escape) to output `${{ github.sha }}`.
 *
 * No helper reads the clock, the environment or the disk: output depends on the context alone.
 */

type Helper = HelperDelegate;

const words = (value: unknown): string[] =>
  String(value)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();

/** Drops Handlebars' trailing options argument from variadic helpers. */
const values = (args: unknown[]) => args.slice(0, -1);
const root = (options: HelperOptions) => (options.data as { root: TemplateContext }).root;

export const helpers: Record<string, Helper> = {
  json: (value: unknown) => JSON.stringify(value),
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  and: (...args: unknown[]) => values(args).every(Boolean),
  or: (...args: unknown[]) => values(args).some(Boolean),
  not: (value: unknown) => !value,
  includes: (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value),
  hasIntegration: (id: string, options: HelperOptions) =>
    root(options).integrations.some((entry) => entry.id === id),
  integration: (id: string, options: HelperOptions) =>
    root(options).integrations.find((entry) => entry.id === id),
  join: (list: unknown, separator: unknown) =>
    (Array.isArray(list) ? list : []).join(typeof separator === 'string' ? separator : ', '),
  upper: (value: unknown) => String(value).toUpperCase(),
  lower: (value: unknown) => String(value).toLowerCase(),
  pascal: (value: unknown) => words(value).map(capital).join(''),
  camel: (value: unknown) =>
    words(value)
      .map((word, index) => (index === 0 ? word.toLowerCase() : capital(word)))
      .join(''),
  snake: (value: unknown) => words(value).join('_').toLowerCase(),
  constant: (value: unknown) => words(value).join('_').toUpperCase(),
  title: (value: unknown) => words(value).map(capital).join(' '),
  email: (value: unknown) => /<([^>]+)>/.exec(String(value))?.[1] ?? String(value),
  contactName: (value: unknown) =>
    String(value)
      .replace(/\s*<[^>]*>\s*/, '')
      .trim() || String(value),
  percentile: (value: unknown) => `p${String(value)}`,
  add: (a: unknown, b: unknown) => Number(a) + Number(b),
  registryHost: (value: unknown) => String(value).split('/')[0],
  startsWith: (value: unknown, prefix: unknown) => String(value).startsWith(String(prefix)),
};
