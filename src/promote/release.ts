import { loadProject, type Environment, type Gates, type LoadedProject } from '../manifest/index.js';
import { buildBundle, type BuiltBundle } from './bundle.js';
import { effectiveGates, findEnvironment } from './environments.js';
import { collectEvidence, type Evidence, type EvidenceSources } from './evidence.js';
import { defaultSources } from './evidence-sources.js';
import { readVerifiedLedger } from './ledger.js';
import { readRepoState, type RepoState } from './repo-state.js';
import type { LedgerEntry } from './types.js';

export interface ReleaseOptions {
  dir?: string;
  env: string;
  benchFile?: string;
  /** Run the bench now instead of reading --bench. */
  benchNow?: boolean;
  imageDigest?: string;
  onProgress?: (message: string) => void;
  sources?: EvidenceSources;
}

/** The project, the environment and the bundle as the working tree makes it now. */
export interface Release {
  project: LoadedProject;
  env: Environment;
  gates: Gates;
  ledger: LedgerEntry[];
  repo: RepoState;
  evidence: Evidence;
  built: BuiltBundle;
}

/** Reads everything a promotion or an approval decides on; writes nothing. */
export async function assembleRelease(options: ReleaseOptions): Promise<Release> {
  const project = await loadProject(options.dir);
  const { root, manifest } = project;
  const env = findEnvironment(manifest, options.env, project.displayFile);
  const gates = effectiveGates(manifest, env);
  const ledger = await readVerifiedLedger(root);
  const repo = await readRepoState(root);
  const evidence = await collectEvidence(
    root,
    manifest,
    {
      audit: gates.minAuditScore > 0,
      data: gates.dataPushed,
      benchFile: options.benchFile,
      benchNow: options.benchNow,
      onProgress: options.onProgress,
    },
    options.sources ?? defaultSources,
  );
  const built = await buildBundle({ root, manifest, repo, evidence, imageDigest: options.imageDigest });
  return { project, env, gates, ledger, repo, evidence, built };
}
