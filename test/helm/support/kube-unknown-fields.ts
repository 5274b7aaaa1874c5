import { fileURLToPath } from 'node:url';

import { KIND_MODULES, kindKey, unknownKindProblem } from './kube-schemas.js';
import type { KubeObject } from './render-chart.js';

/**
 * Unknown fields, as `kubeconform -strict` and the API server's strict field validation reject
 * them. The OpenAPI-derived validators accept any extra key (a misspelt `readinessprobe` would
 * pass and be dropped by the cluster), so each object is type-checked as an object literal of
 * its kubernetes-models interface: TypeScript's excess property check then names every field
 * that the kind does not have, at any depth.
 */
const VIRTUAL_FILE = fileURLToPath(new URL('./__rendered_manifests__.ts', import.meta.url));

export async function unknownFieldProblems(objects: KubeObject[]): Promise<string[]> {
  const { default: ts } = await import('typescript');
  const problems: string[] = [];
  const lines: string[] = [];
  const owners: { start: number; label: string }[] = [];
  objects.forEach((object, index) => {
    const specifier = KIND_MODULES[kindKey(object)];
    if (!specifier) {
      problems.push(unknownKindProblem(object));
      return;
    }
    lines.push(`import type { I${object.kind} as T${index} } from '${specifier}';`);
  });
  objects.forEach((object, index) => {
    if (!KIND_MODULES[kindKey(object)]) return;
    // One line per object, so a diagnostic's line names its object.
    owners.push({ start: lines.length, label: `${kindKey(object)} ${object.metadata?.name ?? '?'}` });
    lines.push(`export const object${index}: T${index} = ${JSON.stringify(object)};`);
  });
  const source = lines.join('\n');

  const options: import('typescript').CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, version, ...rest) =>
    name === VIRTUAL_FILE
      ? ts.createSourceFile(name, source, version, true)
      : getSourceFile.call(host, name, version, ...rest);
  host.fileExists = (name) => name === VIRTUAL_FILE || fileExists.call(host, name);
  host.readFile = (name) => (name === VIRTUAL_FILE ? source : readFile.call(host, name));
  const program = ts.createProgram([VIRTUAL_FILE], options, host);
  const file = program.getSourceFile(VIRTUAL_FILE)!;

  for (const diagnostic of [
    ...program.getSyntacticDiagnostics(file),
    ...program.getSemanticDiagnostics(file),
  ]) {
    const line =
      diagnostic.start === undefined ? 0 : file.getLineAndCharacterOfPosition(diagnostic.start).line;
    const owner = [...owners].reverse().find((candidate) => candidate.start <= line);
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
    problems.push(`${owner?.label ?? 'manifests'}: ${message}`);
  }
  return problems;
}
