import { fail, pass, skip, type Gate } from './gate.js';

/** Bench evidence for exactly this model, with a passing SLA verdict. */
export const benchGate: Gate = {
  name: 'bench',
  evaluate({ gates, evidence, bundle, manifest }) {
    if (!gates.benchRequired) return skip('bench', 'benchRequired is false');
    const bench = evidence.bench;
    if (!bench) {
      return fail(
        'bench',
        'no bench evidence; run "poc bench --json > bench.json" and pass --bench bench.json, or pass --bench-now',
        {},
      );
    }
    const found = {
      file: bench.file,
      sha256: bench.sha256,
      verdict: bench.verdict,
      modelSha256: bench.modelSha256,
      ...bench.summary,
    };
    if (bench.modelSha256 !== bundle.model.sha256) {
      return fail(
        'bench',
        `bench evidence ${bench.file} is for model ${bench.modelSha256.slice(0, 12)}, not the model being promoted (${bundle.model.sha256.slice(0, 12)}); bench this model again`,
        found,
      );
    }
    const measured = bench.summary.sla;
    const required = manifest.sla;
    if (measured.percentile < required.percentile || measured.boundMs > required.boundMs) {
      return fail(
        'bench',
        `bench evidence ${bench.file} was judged against p${measured.percentile} <= ${measured.boundMs} ms, looser than the SLA in poc.yaml (p${required.percentile} <= ${required.boundMs} ms); bench again`,
        found,
      );
    }
    if (bench.verdict !== 'pass') {
      return fail(
        'bench',
        `bench verdict is "${bench.verdict}": ${bench.summary.slaVerdict.reason || 'the model does not meet the SLA'}`,
        found,
      );
    }
    return pass(
      'bench',
      `bench evidence ${bench.file} meets the SLA for model ${bench.modelSha256.slice(0, 12)}`,
      found,
    );
  },
};
