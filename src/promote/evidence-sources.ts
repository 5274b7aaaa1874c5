import { join } from 'node:path';

import { writeFileAtomic } from '../core/atomic-write.js';
import type { AuditSummary, EvidenceSources } from './evidence.js';

const BLOCKING = new Set(['high', 'critical']);
const OPEN = new Set(['fail', 'partial']);

/**
 * The audit, data and bench modules, reached through their index.ts and imported only when a
 * gate needs them.
 */
export const defaultSources: EvidenceSources = {
  async audit(root): Promise<AuditSummary> {
    const { runAudit } = await import('../audit/index.js');
    const result = await runAudit(root);
    return {
      score: result.score,
      // waived findings carry status "waived", so what is left open here is unwaived
      highFindings: result.findings
        .filter((finding) => BLOCKING.has(finding.severity) && OPEN.has(finding.status))
        .map((finding) => finding.id),
    };
  },

  async data(root, manifest) {
    const { dataEvidence } = await import('../data/index.js');
    return dataEvidence(root, manifest);
  },
  /**
   * `--bench-now`: runs `poc bench` in-process with its defaults against the SLA in poc.yaml and
   * keeps the evidence under .poc/bench/, named by the model's sha256, in the `--json` format.
   */
  async benchNow(root, onProgress): Promise<string> {
    const { benchRequest } = await import('../bench/index.js');
    const evidence = await benchRequest(
      {
        dir: root,
        scenario: 'single-stream',
        shapes: [],
        seed: 1,
        maxDurationS: 30,
        maxSamples: 1_000_000,
        minSamples: 100,
        confidence: 0.95,
        noiseLimit: 10,
        session: {},
      },
      {},
      { onProgress },
    );
    const file = join(root, '.poc', 'bench', `${evidence.model.sha256.slice(0, 12)}.json`);
    const status = evidence.verdict === 'pass' ? 0 : evidence.verdict === 'fail' ? 1 : 3;
    await writeFileAtomic(file, `${JSON.stringify({ status, result: evidence, warnings: [] }, null, 2)}\n`);
    return file;
  },
};
