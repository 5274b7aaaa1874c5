import { parse } from 'yaml';

import type { Manifest } from '../../manifest/index.js';
import { ANSWERS_FILE, normaliseProjectName } from '../../scaffold/index.js';
import type { RepoFacts } from '../inventory/facts.js';

const MAINTENANCE =
  /\b(predictive maintenance|anomaly|vibration|remaining useful life|rul|bearing|failure prediction)\b/i;

/**
 * The `poc init` answers that describe an existing repository, so fixes are rendered for it:
 * its own recorded answers when poc init made it; else its name, use case and owners from
 * poc.yaml; else what the files say (package name, CI provider, wording of the docs).
 */
export function answersFor(facts: RepoFacts, name: string): Record<string, unknown> {
  const recorded = facts.index.text(ANSWERS_FILE);
  if (recorded !== undefined) {
    try {
      const answers = parse(recorded) as unknown;
      if (answers && typeof answers === 'object') return answers as Record<string, unknown>;
    } catch {
      // A damaged answers file is not fatal: infer the answers like for any repository.
    }
  }
  const manifest = facts.pocYaml?.manifest as Manifest | undefined;
  const text =
    facts.docs.map((file) => file.text ?? '').join('\n') +
    facts.notebooks.map((file) => file.path).join('\n');
  const useCase =
    manifest?.project.useCase ?? (MAINTENANCE.test(text) ? 'predictive-maintenance' : 'quality-inspection');
  const ci = [
    ...(facts.ci.some((file) => file.path.startsWith('.github/')) ? ['github'] : []),
    ...(facts.ci.some((file) => file.path.startsWith('.gitlab')) ? ['gitlab'] : []),
  ];
  return {
    name: manifest?.project.name ?? normaliseProjectName(safeName(name)).name,
    useCase,
    ...(manifest?.project.description ? { description: manifest.project.description } : {}),
    ...(ci.length > 0 ? { ci } : {}),
    ...(manifest?.owners ? { owners: manifest.owners } : {}),
    ...(manifest ? { sla: { percentile: manifest.sla.percentile, boundMs: manifest.sla.boundMs } } : {}),
  };
}

/** Package and directory names may hold characters a project name cannot; keep the usable part. */
function safeName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 53)
    .replace(/-+$/, '');
  return cleaned || 'project';
}
