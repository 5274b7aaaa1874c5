/** The data promote works with: the bundle, gate outcomes, plans and ledger entries. */

export interface BundleCommit {
  sha: string;
  author: { name: string; email: string };
  subject: string;
}

/**
 * What is promoted: one content-addressed unit tying the code, image, model with its data
 * lineage, chart, rendered values and the evidence (audit, bench). No timestamps, so the same
 * content always has the same digest, and that digest names the release.
 */
export interface Bundle {
  schema: 'poc2prod/bundle@1';
  project: string;
  commit: BundleCommit;
  image: { repository: string; digest: string; reference: string } | null;
  model: { path: string; version: string; sha256: string; lineage: unknown };
  chart: { path: string; name: string; version: string } | null;
  /** Hash of the rendered values per cluster, keyed `env/cluster`. */
  values: Record<string, string>;
  audit: { score: number; highFindings: string[] } | null;
  bench: { file: string; sha256: string; verdict: string; modelSha256: string; evidence: unknown } | null;
}

export type GateStatus = 'pass' | 'fail' | 'skip';

/** A gate's decision with the evidence it was based on (kept in the ledger). */
export interface GateOutcome {
  name: string;
  status: GateStatus;
  message: string;
  evidence: Record<string, unknown>;
}

export type ClusterOutcome = 'deployed' | 'unchanged' | 'failed' | 'rolled-back' | 'not-started';

/** What happened on one cluster, and what runs there afterwards. */
export interface ClusterRecord {
  name: string;
  facility: string;
  outcome: ClusterOutcome;
  message: string;
  /** The bundle that runs on the cluster after this operation (null: nothing of ours). */
  running: string | null;
  /** Hash of the values running there. */
  valuesHash: string | null;
  /** Helm revision (helm) or environment-repo commit (gitops) of what runs there. */
  revision?: string;
}

export interface ApprovalRecord {
  kind: 'approval';
  env: string;
  bundle: string;
  actor: string;
  comment?: string;
  /** What the approver saw: the bundle's commit, model and evidence. */
  evidence: Record<string, unknown>;
}

export interface DeploymentRecord {
  kind: 'promotion' | 'rollback';
  env: string;
  bundle: string;
  actor: string;
  commit: string;
  deployer: 'helm' | 'gitops';
  result: 'succeeded' | 'failed';
  gates: GateOutcome[];
  approvals: string[];
  breakGlass?: boolean;
  clusters: ClusterRecord[];
  tag?: string;
}

export type LedgerRecord = ApprovalRecord | DeploymentRecord;

/** A ledger line: the record, its number, time and the hash chain. */
export type LedgerEntry = LedgerRecord & { seq: number; at: string; prev: string; hash: string };
