import { locate } from '../manifest/index.js';
import { CHECK_IDS } from './checks/registry.js';
import type { RepoFacts } from './inventory/facts.js';
import type { Finding, WaiverState } from './types.js';

const ID = /^[A-Z]{2,5}-\d{3}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads `waivers` from poc.yaml leniently (an otherwise invalid manifest must not hide its
 * waivers) and judges each: an accountable waiver names a check, a reason, an owner and an
 * expiry; an expired one no longer suppresses anything.
 */
export function readWaivers(facts: RepoFacts, today: string): WaiverState[] {
  const poc = facts.pocYaml;
  const list = (poc?.raw as { waivers?: unknown } | undefined)?.waivers;
  if (!poc || !Array.isArray(list)) return [];
  return list.map((entry: unknown, i): WaiverState => {
    const raw = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
    const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string).trim() : '');
    const { line } = locate(poc.parsed.document, poc.parsed.lines, ['waivers', i]);
    const waiver = {
      check: text('check'),
      reason: text('reason'),
      owner: text('owner'),
      expires: text('expires'),
    };
    const expires = raw.expires instanceof Date ? raw.expires.toISOString().slice(0, 10) : waiver.expires;
    const state = { ...waiver, expires, location: { file: poc.file.path, line } };
    const problem = !ID.test(state.check)
      ? 'check must be an id such as SRV-003'
      : state.reason.length < 10
        ? 'reason must explain why (at least 10 characters)'
        : !state.owner
          ? 'owner is required: somebody answers for the accepted risk'
          : !DATE.test(state.expires)
            ? 'expires must be a date, YYYY-MM-DD'
            : undefined;
    if (problem) return { ...state, status: 'invalid', problem };
    if (!CHECK_IDS.has(state.check))
      return { ...state, status: 'unknown-check', problem: `no check ${state.check}` };
    return { ...state, status: state.expires < today ? 'expired' : 'active' };
  });
}

/** Waived findings stop counting; expired waivers are shown on the finding they no longer cover. */
export function applyWaivers(findings: Finding[], waivers: WaiverState[]): Finding[] {
  return findings.map((finding) => {
    const own = waivers.filter((waiver) => waiver.check === finding.id);
    const active = own.find((waiver) => waiver.status === 'active');
    const expired = own.find((waiver) => waiver.status === 'expired');
    if (finding.status !== 'fail' && finding.status !== 'partial')
      return active ? { ...finding, waiver: active } : finding;
    if (active) return { ...finding, status: 'waived', credit: 0, waiver: active };
    if (expired)
      return {
        ...finding,
        waiver: expired,
        message: `${finding.message} (waiver expired on ${expired.expires})`,
      };
    return finding;
  });
}
