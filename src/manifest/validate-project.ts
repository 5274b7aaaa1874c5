import { UserError, type Problem } from '../core/errors.js';
import { loadProject } from './load.js';
import { formatPath, locate } from './locate-node.js';
import { checkReference, references } from './references.js';

export interface ValidationResult {
  file: string;
  project: string;
  checked: { kind: string; file: string }[];
}

/** Loads poc.yaml and checks every file it references; throws listing every problem. */
export async function validateProject(dir: string | undefined): Promise<ValidationResult> {
  const project = await loadProject(dir);
  const refs = references(project.manifest);
  const broken = await Promise.all(
    refs.map(async (ref) => ({ ref, reason: await checkReference(project.root, ref) })),
  );
  const problems: Problem[] = broken
    .filter(({ reason }) => reason !== undefined)
    .map(({ ref, reason }) => ({
      file: project.displayFile,
      ...locate(project.parsed.document, project.parsed.lines, ref.path),
      path: formatPath(ref.path),
      message: reason!,
    }));
  if (problems.length > 0) {
    throw new UserError(
      `${project.displayFile} references ${problems.length} missing file${problems.length === 1 ? '' : 's'}.`,
      {
        code: 'MISSING_REFERENCE',
        hint: 'Create the files, or fix the paths in poc.yaml (they are relative to the project root).',
        problems,
      },
    );
  }
  return {
    file: project.file,
    project: project.manifest.project.name,
    checked: refs.map((ref) => ({ kind: ref.kind, file: ref.file })),
  };
}
