import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

import type { Manifest } from '../manifest/index.js';
import { sha256 } from './digest.js';

/** The audit result as the bundle keeps it: the score and the unwaived high findings. */
export interface AuditSummary {
  score: number;
  highFindings: string[];
}

/** A `poc bench --json` result, reduced to what the bench gate decides on. */
export interface BenchSummary {
  file: string;
  sha256: string;
  verdict: string;
  modelSha256: string;
  summary: {
    createdAt: string;
    scenario: string;
    samples: number;
    latencyMs: { p50: number; p95: number; p99: number };
    sla: { percentile: number; boundMs: number };
    slaVerdict: { status: string; reason: string; estimateMs: number };
  };
}

/** What `poc data` knows about the model: its lineage and whether everything is pushed. */
export interface DataSummary {
  lineage: unknown;
  pushed: boolean;
  unpushed: string[];
}

/** Evidence gathered once per promotion; null where the source was not asked or is not wired. */
export interface Evidence {
  audit: AuditSummary | null;
  bench: BenchSummary | null;
  data: DataSummary | null;
  /** Sources that could not be consulted, with why (reported by their gates). */
  unavailable: Record<string, string>;
}

/** Where evidence comes from: the audit, bench and data modules, through their index.ts. */
export interface EvidenceSources {
  audit?(root: string, manifest: Manifest): Promise<AuditSummary>;
  data?(root: string, manifest: Manifest): Promise<DataSummary>;
  /** Runs the bench now and returns the evidence file it wrote. */
  benchNow?(root: string, onProgress?: (text: string) => void): Promise<string>;
}

/**
 * Reads a `poc bench --json` file through the bench module (the envelope or the bare result,
 * validated against its schema). The file's own sha256 goes into the bundle, so the release
 * names exactly the evidence it was judged on.
 */
export async function readBenchEvidence(root: string, file: string): Promise<BenchSummary> {
  const path = isAbsolute(file) ? file : resolve(file);
  const { readEvidence } = await import('../bench/index.js');
  const evidence = await readEvidence(path);
  const rel = relative(root, path);
  return {
    file: rel.startsWith('..') ? path : rel,
    sha256: sha256(await readFile(path)),
    verdict: evidence.verdict,
    modelSha256: evidence.model.sha256,
    summary: {
      createdAt: evidence.createdAt,
      scenario: evidence.scenario,
      samples: evidence.samples,
      latencyMs: { p50: evidence.latencyMs.p50, p95: evidence.latencyMs.p95, p99: evidence.latencyMs.p99 },
      sla: { percentile: evidence.sla.percentile, boundMs: evidence.sla.boundMs },
      slaVerdict: {
        status: evidence.slaVerdict.status,
        reason: evidence.slaVerdict.reason,
        estimateMs: evidence.slaVerdict.estimateMs,
      },
    },
  };
}

export interface EvidenceRequest {
  audit: boolean;
  data: boolean;
  benchFile?: string;
  benchNow?: boolean;
  onProgress?: (text: string) => void;
}

/** Gathers the evidence the gates ask for. A failing source is reported, not thrown. */
export async function collectEvidence(
  root: string,
  manifest: Manifest,
  request: EvidenceRequest,
  sources: EvidenceSources,
): Promise<Evidence> {
  const evidence: Evidence = { audit: null, bench: null, data: null, unavailable: {} };
  if (request.benchFile) evidence.bench = await readBenchEvidence(root, request.benchFile);
  else if (request.benchNow && sources.benchNow) {
    evidence.bench = await readBenchEvidence(root, await sources.benchNow(root, request.onProgress));
  }
  if (request.audit) {
    if (sources.audit) evidence.audit = await sources.audit(root, manifest);
    else evidence.unavailable.audit = 'the audit module (src/audit) is not part of this build yet';
  }
  if (request.data) {
    if (sources.data) evidence.data = await sources.data(root, manifest);
    else evidence.unavailable.data = 'the data module (src/data) is not part of this build yet';
  }
  return evidence;
}
