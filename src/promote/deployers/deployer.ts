import type { Cluster, Environment, Manifest } from '../../manifest/index.js';
import type { ClusterState } from '../state.js';
import type { Bundle } from '../types.js';
import type { Values } from '../values.js';

/** One cluster's change: the values to run and, for a rollback, the recorded revision to return to. */
export interface DeployRequest {
  cluster: Cluster;
  facility: string;
  values: Values;
  valuesHash: string;
  /** Values files in the order Helm applies them (chart defaults are Helm's own). */
  valuesFiles: string[];
  /** What the ledger says runs there now. */
  previous?: ClusterState;
  /** Rollback: the revision that ran the target bundle (helm history revision). */
  restoreRevision?: string;
}

export interface DeployResult {
  cluster: string;
  ok: boolean;
  /** Whether the cluster was changed (and so must be undone if the promotion fails). */
  changed: boolean;
  revision?: string;
  message: string;
}

export interface UndoResult {
  cluster: string;
  ok: boolean;
  revision?: string;
  message: string;
}

export interface DeploySession {
  root: string;
  manifest: Manifest;
  env: Environment;
  digest: string;
  bundle: Bundle;
  kind: 'promotion' | 'rollback';
  actor: string;
  approvers: string[];
  timeout: string;
}

/**
 * A way of putting a bundle on clusters. `preflight` finds what would stop it before anything
 * changes; `deployWave` changes one wave; `undo` returns changed clusters to where they were.
 */
export interface Deployer {
  readonly name: 'helm' | 'gitops';
  preflight(requests: DeployRequest[]): Promise<void>;
  deployWave(requests: DeployRequest[]): Promise<DeployResult[]>;
  undo(clusters: string[]): Promise<UndoResult[]>;
  close(): Promise<void>;
}
