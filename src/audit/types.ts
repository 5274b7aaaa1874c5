/**
 * The audit's vocabulary. Every report (terminal, JSON, SARIF, Markdown, HTML) and every gate
 * reads the same `AuditResult`; `poc promote` reads it through index.ts.
 */

export const LAYERS = ['ingestion', 'features', 'serving', 'monitoring', 'feedback'] as const;
export const PILLARS = ['governance', 'data', 'change', 'architecture'] as const;
export type Layer = (typeof LAYERS)[number];
export type Pillar = (typeof PILLARS)[number];
export type Area = Layer | Pillar;

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * How strong the evidence for a practice is, weakest first: nothing found; written down only;
 * enforced by CI; seen running (e.g. a bench result newer than the model).
 */
export const GRADES = ['missing', 'documented', 'automated', 'verified'] as const;
export type Grade = (typeof GRADES)[number];

export type Status = 'pass' | 'partial' | 'fail' | 'not-applicable' | 'waived';

/** A file and line that shows why a check graded as it did. Lines are 1-based. */
export interface Evidence {
  file: string;
  line: number;
  /** The matching line, trimmed and shortened. */
  text?: string;
}

export interface Location {
  file: string;
  line: number;
}

export type Effort = 'S' | 'M' | 'L';

export interface WaiverState {
  check: string;
  reason: string;
  owner: string;
  expires: string;
  status: 'active' | 'expired' | 'unknown-check' | 'invalid';
  location: Location;
  /** Why an invalid waiver was refused. */
  problem?: string;
}

export interface Finding {
  id: string;
  title: string;
  area: Area;
  kind: 'layer' | 'pillar';
  severity: Severity;
  status: Status;
  grade: Grade;
  /** The grade that counts as done for this check. */
  target: Grade;
  /** Share of the check's weight earned, 0..1 (not-applicable and waived: not counted). */
  credit: number;
  message: string;
  /** Where a reader (and SARIF) should look: the evidence, or the most relevant file for a gap. */
  location: Location;
  evidence: Evidence[];
  rationale: string;
  remediation: string;
  effort: Effort;
  fixable: boolean;
  /** Stable across runs and line moves: check id + anchor file. */
  fingerprint: string;
  waiver?: WaiverState;
}

export interface AreaScore {
  id: Area;
  title: string;
  /** 0..100, or null when no check applies. */
  score: number | null;
  checks: number;
  passed: number;
  failed: number;
  notApplicable: number;
  waived: number;
}

export interface Action {
  rank: number;
  id: string;
  title: string;
  severity: Severity;
  /** Points the overall score rises when this check passes (all else equal). */
  gain: number;
  /** Points the uncapped score rises: what the fix is worth once the capping layer improves. */
  uncappedGain: number;
  effort: Effort;
  fixable: boolean;
  remediation: string;
}

export interface Maturity {
  /** Google's MLOps levels: 0 manual, 1 pipeline automation, 2 CI/CD automation. */
  level: 0 | 1 | 2;
  label: string;
  /** Checks that must pass for the next level. */
  nextLevelNeeds: string[];
}

export interface SkippedFile {
  file: string;
  reason: 'binary' | 'too-large' | 'unreadable' | 'broken-symlink' | 'symlink-loop' | 'special-file';
}

export interface AuditResult {
  schemaVersion: 1;
  tool: { name: 'poc-audit'; version: string };
  /** The audited path as the user gave it. */
  path: string;
  project: { name: string; manifest: boolean };
  /** The date waivers were judged against, YYYY-MM-DD (UTC). */
  date: string;
  score: number;
  uncappedScore: number;
  /** The layer whose score capped the overall score, when it did. */
  cappedBy: Layer | null;
  maturity: Maturity;
  layers: AreaScore[];
  pillars: AreaScore[];
  summary: {
    checks: number;
    passed: number;
    partial: number;
    failed: number;
    notApplicable: number;
    waived: number;
  };
  findings: Finding[];
  actions: Action[];
  waivers: WaiverState[];
  /** Files read; files skipped (binary, huge, unreadable, broken links), the first 200 listed. */
  scanned: { files: number; skippedCount: number; skipped: SkippedFile[] };
}
