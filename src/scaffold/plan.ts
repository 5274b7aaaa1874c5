import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { stringify } from 'yaml';

import { InternalError } from '../core/errors.js';
import { answersOf } from './build-context.js';
import type { TemplateContext } from './context.js';
import { helpers } from './helpers.js';
import { includedByRules, pathFlags } from './inclusion.js';
import { TEMPLATES_ROOT } from './package-root.js';

export interface PlannedFile {
  /** Output path relative to the project root, always with `/`. */
  path: string;
  content: Buffer;
  /** 0o755 for templates with an executable bit, else 0o644. */
  mode: number;
  /** Where it came from: a template path relative to templates/, or `generated`. */
  source: string;
}

export interface Plan {
  name: string;
  templateVersion: string;
  /** Sorted by path, so the plan (and the lock file) is the same for the same answers. */
  files: PlannedFile[];
}

export interface PlanOptions {
  /** Defaults to the templates/ directory shipped with poc2prod. */
  templatesRoot?: string;
}

const FACILITY = '__facility__';

/** What Handlebars.precompile returns (the type is not exported by handlebars' typings). */
type TemplateSpec = Parameters<typeof import('handlebars').template>[0];

export const ANSWERS_FILE = '.poc/answers.yaml';
export const LOCK_FILE = '.poc/files.lock';

/**
 * npm never publishes `.npmrc` and treats `.gitignore` as ignore rules when packing, and a
 * literal `.gitignore` in templates/ would hide template files from this repository's git.
 * Those templates are therefore stored under these names and renamed on output.
 */
const DOTFILE_NAMES: Record<string, string> = { _gitignore: '.gitignore', _npmrc: '.npmrc' };

/**
 * The full file plan of a project: base templates, then the use-case overlay, filtered by the
 * inclusion rules, rendered in memory, plus `.poc/answers.yaml` and `.poc/files.lock`.
 * Reads templates; writes nothing.
 */
export async function planProject(context: TemplateContext, options: PlanOptions = {}): Promise<Plan> {
  const root = options.templatesRoot ?? TEMPLATES_ROOT;
  const [{ default: Handlebars }, specs] = await Promise.all([import('handlebars'), precompiledSpecs()]);
  const handlebars = Handlebars.create();
  handlebars.registerHelper(helpers);
  const flags = pathFlags(context);

  // First the pure part: which template yields which output path (per facility variant).
  const jobs: {
    file: string;
    templatePath: string;
    variant: TemplateContext;
    path: string;
    render: boolean;
  }[] = [];
  for (const layer of ['project', join('usecases', context.useCase)]) {
    for (const file of await listFiles(join(root, layer))) {
      const templatePath = relative(root, file).split(sep).join('/');
      const segments = relative(join(root, layer), file).split(sep);
      // `__facility__` in a path: one file per production facility, rendered with `facility`.
      const variants: TemplateContext[] = templatePath.includes(FACILITY)
        ? context.facilities.map((facility) => ({ ...context, facility }))
        : [context];
      for (const variant of variants) {
        const output = outputPath(segments, variant, flags, templatePath);
        if (output === undefined || !includedByRules(output.path, context)) continue;
        jobs.push({ file, templatePath, variant, ...output });
      }
    }
  }

  // Then the reads. Synchronous on purpose: ~100 small files cost far less CPU this way than
  // through promises and the thread pool (bench/init.mjs), and nothing else runs meanwhile.
  const sources = new Map<string, { raw: Buffer; mode: number }>();
  for (const job of jobs) {
    if (!sources.has(job.file)) {
      sources.set(job.file, {
        raw: readFileSync(job.file),
        mode: statSync(job.file).mode & 0o111 ? 0o755 : 0o644,
      });
    }
  }

  // Rendering in template order, so an overlay replaces the base file with the same path.
  const byPath = new Map<string, PlannedFile>();
  const compiled = new Map<string, (context: TemplateContext) => string>();
  for (const job of jobs) {
    const { raw, mode } = sources.get(job.file)!;
    let content = raw;
    if (job.render) {
      let template = compiled.get(job.file);
      if (!template) {
        const spec = specs[sha256(raw)];
        template = spec
          ? handlebars.template(spec)
          : handlebars.compile(raw.toString('utf8'), { strict: true, noEscape: true });
        compiled.set(job.file, template);
      }
      const text = render(template, job.variant, job.templatePath);
      if (text.trim() === '') {
        // Empty render means skip: also drops a base file the overlay renders empty.
        byPath.delete(job.path);
        continue;
      }
      content = Buffer.from(text, 'utf8');
    }
    byPath.set(job.path, { path: job.path, content, mode, source: job.templatePath });
  }

  const answers = Buffer.from(
    `# The answers this project was generated from (no secrets).\n` +
      `# Regenerate or compare with: poc init --answers .poc/answers.yaml\n` +
      stringify(answersOf(context)),
    'utf8',
  );
  byPath.set(ANSWERS_FILE, { path: ANSWERS_FILE, content: answers, mode: 0o644, source: 'generated' });
  const files = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const lock = lockFile(context.templateVersion, files);
  files.push({ path: LOCK_FILE, content: lock, mode: 0o644, source: 'generated' });
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { name: context.name, templateVersion: context.templateVersion, files };
}

/**
 * Templates precompiled at build time (scripts/precompile-templates.mjs writes
 * dist/scaffold/precompiled-templates.js), keyed by the sha256 of their text. Running from
 * source, or for a template changed since the build, there is no entry and the engine compiles.
 */
async function precompiledSpecs(): Promise<Record<string, TemplateSpec>> {
  try {
    const module = (await import(new URL('./precompiled-templates.js', import.meta.url).href)) as {
      specs: Record<string, TemplateSpec>;
    };
    return module.specs;
  } catch {
    return {};
  }
}

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Template version and the hash of every generated file: the base for merging template updates. */
function lockFile(templateVersion: string, files: PlannedFile[]): Buffer {
  const lock = {
    templateVersion,
    files: Object.fromEntries(
      files.map((file) => [file.path, { sha256: sha256(file.content), source: file.source }]),
    ),
  };
  return Buffer.from(
    `# Generated by poc init: the template version and sha256 of every generated file.\n` +
      `# Do not edit; template updates use it to tell your changes from the template's.\n` +
      stringify(lock),
    'utf8',
  );
}

function outputPath(
  segments: string[],
  context: TemplateContext,
  flags: Record<string, boolean>,
  templatePath: string,
): { path: string; render: boolean } | undefined {
  const out: string[] = [];
  for (let segment of segments) {
    let marker: RegExpExecArray | null;
    while ((marker = /^__if_([A-Za-z0-9-]+)__/.exec(segment))) {
      const flag = marker[1]!;
      if (!(flag in flags)) {
        throw new InternalError(`Template ${templatePath} tests an unknown flag "${flag}".`, {
          hint: `Known flags: ${Object.keys(flags).join(', ')}.`,
        });
      }
      if (!flags[flag]) return undefined;
      segment = segment.slice(marker[0].length);
    }
    if (segment === '') continue;
    segment = segment.replaceAll('__name__', context.name);
    if (context.facility !== undefined) segment = segment.replaceAll(FACILITY, context.facility);
    out.push(DOTFILE_NAMES[segment] ?? segment);
  }
  const last = out.length - 1;
  const render = out[last]!.endsWith('.hbs');
  if (render) out[last] = out[last]!.slice(0, -'.hbs'.length);
  return { path: out.join('/'), render };
}

function render(
  template: (context: TemplateContext) => string,
  context: TemplateContext,
  templatePath: string,
): string {
  try {
    return template(context);
  } catch (error) {
    throw new InternalError(`Template ${templatePath} failed to render: ${(error as Error).message}`, {
      hint: 'This is a bug in the template; run with --verbose and report it.',
      cause: error,
    });
  }
}

/** Every file below a directory (none when it does not exist), sorted, skipping node_modules. */
async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !relative(dir, file).split(sep).includes('node_modules'))
    .sort((a, b) => {
      // Sort by path segments so that a directory's files stay together, whatever the separator.
      const [x, y] = [relative(dir, a).split(sep).join('\0'), relative(dir, b).split(sep).join('\0')];
      return x < y ? -1 : x > y ? 1 : 0;
    });
}
