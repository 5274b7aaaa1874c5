import { isMap, LineCounter, parseAllDocuments } from 'yaml';

import type { Evidence } from '../types.js';
import type { RepoIndex } from './repo-index.js';
import type { RepoFile } from './walk.js';

/** A Kubernetes object from raw YAML (plain manifests, kustomize bases and overlays). */
export interface KubeObject {
  kind: string;
  name: string;
  file: string;
  line: number;
  body: Record<string, unknown>;
}

/** A Helm chart read statically: templates as text, values parsed (helm is not required). */
export interface HelmChart {
  dir: string;
  chartFile: RepoFile;
  templates: RepoFile[];
  values: Record<string, unknown>;
  valuesFile?: RepoFile;
}

export interface KubeSources {
  objects: KubeObject[];
  charts: HelmChart[];
  kustomizations: RepoFile[];
}

export const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Pod',
  'Job',
  'CronJob',
  'ReplicaSet',
]);

const YAML_FILE = /\.ya?ml$/i;

/** Finds charts, kustomizations and every Kubernetes object in raw YAML outside chart templates. */
export function readKubeSources(index: RepoIndex): KubeSources {
  const charts: HelmChart[] = index.select(/(^|\/)Chart\.yaml$/).map((chartFile) => {
    const dir = chartFile.path.slice(0, -'Chart.yaml'.length).replace(/\/$/, '');
    const prefix = dir ? `${dir}/` : '';
    const valuesFile = index.file(`${prefix}values.yaml`);
    return {
      dir,
      chartFile,
      templates: index.select(
        (path) => path.startsWith(`${prefix}templates/`) && /\.(ya?ml|tpl)$/.test(path),
      ),
      values: parseValues(valuesFile?.text),
      ...(valuesFile ? { valuesFile } : {}),
    };
  });
  const insideChart = (path: string) =>
    charts.some(
      (chart) => path.startsWith(chart.dir ? `${chart.dir}/` : '') && /(^|\/)templates\//.test(path),
    );
  const objects: KubeObject[] = [];
  for (const file of index.select(YAML_FILE)) {
    if (file.text === undefined || insideChart(file.path) || !/^kind:/m.test(file.text)) continue;
    objects.push(...objectsIn(file));
  }
  return {
    objects,
    charts,
    kustomizations: index.select(/(^|\/)kustomization\.ya?ml$/i),
  };
}

function parseValues(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  try {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs)) return {};
    const value: unknown = docs[0]?.toJS();
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function objectsIn(file: RepoFile): KubeObject[] {
  const lines = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(file.text ?? '', { lineCounter: lines });
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  const found: KubeObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0 || !isMap(doc.contents)) continue;
    let body: Record<string, unknown>;
    try {
      body = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
    } catch {
      continue; // an alias bomb or similar: not a manifest we can read, and not worth a crash
    }
    if (typeof body.kind !== 'string' || typeof body.apiVersion !== 'string') continue;
    const metadata = (body.metadata ?? {}) as Record<string, unknown>;
    found.push({
      kind: body.kind,
      name: typeof metadata.name === 'string' ? metadata.name : '',
      file: file.path,
      line: lines.linePos(doc.contents.range?.[0] ?? 0).line,
      body,
    });
  }
  return found;
}

/** Containers (and init containers) of a workload object, whatever its kind nests them under. */
export function containersOf(object: KubeObject, withInit = false): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'containers' || (withInit && key === 'initContainers')) && Array.isArray(value)) {
        for (const container of value) if (container && typeof container === 'object') found.push(container);
      } else visit(value);
    }
  };
  visit(object.body);
  return found;
}

/** Value at a dotted `.Values` path, e.g. `resources` or `image.tag`. */
export function valueAt(values: Record<string, unknown>, path: string): unknown {
  let node: unknown = values;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/**
 * Templates that render a long-running workload: a top-level `kind:` (not the `kind:` of an
 * HPA's scaleTargetRef), outside `templates/tests/` (Helm test pods are not the service).
 */
export function workloadTemplates(chart: HelmChart): RepoFile[] {
  return chart.templates.filter(
    (file) =>
      !/\/templates\/tests\//.test(`/${file.path}`) &&
      /^kind:\s*(Deployment|StatefulSet|DaemonSet)\s*$/m.test(file.text ?? ''),
  );
}

/**
 * Whether a chart template sets `key` to something non-empty. Statically: the key appears, and
 * when its value comes from `.Values.x` on the same or the previous line, values.yaml must set x.
 */
export function templateSets(
  chart: HelmChart,
  file: RepoFile,
  key: string,
  index: RepoIndex,
): Evidence | undefined {
  const text = file.text ?? '';
  const lines = text.split('\n');
  const keyPattern = new RegExp(`(^|[^A-Za-z])${key}\\b`);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!keyPattern.test(line)) continue;
    const nearby = `${lines[i - 1] ?? ''}\n${line}\n${lines[i + 1] ?? ''}`;
    const reference = new RegExp(`\\.Values\\.([A-Za-z0-9_.]*${key}[A-Za-z0-9_.]*)`).exec(nearby);
    if (reference && isEmptyValue(valueAt(chart.values, reference[1]!))) continue;
    const offset = lines.slice(0, i).reduce((sum, l) => sum + l.length + 1, 0);
    return index.evidenceAt(file, offset);
  }
  return undefined;
}

/** Objects of a kind in raw YAML and in chart templates. */
export function kindEvidence(sources: KubeSources, kind: string, index: RepoIndex): Evidence[] {
  const raw = sources.objects
    .filter((object) => object.kind === kind)
    .map((object) => ({ file: object.file, line: object.line, text: `kind: ${kind}` }));
  const templated = index.grep(
    sources.charts.flatMap((chart) => chart.templates),
    new RegExp(`^kind:\\s*${kind}\\s*$`, 'm'),
  );
  return [...raw, ...templated];
}
