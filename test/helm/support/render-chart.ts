import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

import { harnessBinary } from './harness.js';

const run = promisify(execFile);

export interface RenderOptions {
  /** Values files, merged in order like `helm -f`. */
  values?: string[];
  releaseName?: string;
  namespace?: string;
  /** Fail on references to missing value keys, like `helm lint --strict`. */
  strict?: boolean;
  apiVersions?: string[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface RenderedDocument {
  /** Template that produced it, e.g. `line-3/templates/deployment.yaml`. */
  source: string;
  object: KubeObject;
}

export interface RenderedChart {
  documents: RenderedDocument[];
  notes: string;
}

/** Renders a chart through the Go harness and parses every emitted YAML document. */
export async function renderChart(chartDir: string, options: RenderOptions = {}): Promise<RenderedChart> {
  const args = ['--chart', chartDir, '--name', options.releaseName ?? 'release-name'];
  args.push('--namespace', options.namespace ?? 'default');
  for (const file of options.values ?? []) args.push('-f', file);
  for (const version of options.apiVersions ?? []) args.push('--api-versions', version);
  if (options.strict) args.push('--strict');

  let stdout: string;
  try {
    ({ stdout } = await run(await harnessBinary(), args, { maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(stderr?.trim() || String(error));
  }
  const result = JSON.parse(stdout) as { manifests: { source: string; content: string }[]; notes: string };

  const documents: RenderedDocument[] = [];
  for (const manifest of result.manifests) {
    for (const document of parseAllDocuments(manifest.content)) {
      if (document.errors.length > 0) {
        throw new Error(
          `${manifest.source} renders invalid YAML: ${document.errors[0]!.message}\n${manifest.content}`,
        );
      }
      const object = document.toJS() as KubeObject | null;
      if (object !== null) documents.push({ source: manifest.source, object });
    }
  }
  return { documents, notes: result.notes };
}

/** The single document of a kind; fails the test when there are none or several. */
export function only(chart: RenderedChart, kind: string): KubeObject {
  const matches = chart.documents.filter((document) => document.object.kind === kind);
  if (matches.length !== 1) throw new Error(`expected one ${kind}, found ${matches.length}`);
  return matches[0]!.object;
}

export function kinds(chart: RenderedChart): string[] {
  return chart.documents.map((document) => document.object.kind).sort();
}
