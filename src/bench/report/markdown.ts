import type { BenchEvidence } from '../evidence.js';

const icon = { pass: '✅', fail: '❌', inconclusive: '⚠️' } as const;

/** A CI job summary (e.g. for $GITHUB_STEP_SUMMARY). */
export function renderMarkdown(e: BenchEvidence): string {
  const l = e.latencyMs;
  const v = e.slaVerdict;
  const cell = (x: number | null) => (x === null ? '—' : String(x));
  const rows = [
    `## ${icon[e.verdict]} poc bench: ${e.verdict.toUpperCase()} — \`${e.model.path}\``,
    '',
    ...e.reasons.map((reason) => `- ${reason}`),
    '',
    `| SLA | estimate | ${(v.interval.confidence * 100).toFixed(1)}% interval | samples | scenario |`,
    '| --- | --- | --- | --- | --- |',
    `| p${e.sla.percentile} ≤ ${e.sla.boundMs} ms | ${v.estimateMs} ms | ${cell(v.interval.lowMs)} – ${cell(v.interval.highMs)} ms | ${e.samples} | ${e.scenario} |`,
    '',
    '| min | p50 | p90 | p95 | p99 | p99.9 | max | mean ± sd |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    `| ${l.min} | ${l.p50} | ${l.p90} | ${l.p95} | ${l.p99} | ${l.p999} | ${l.max} | ${l.mean} ± ${l.stddev} |`,
    '',
    `Cold start: session ${e.coldStart.sessionCreateMs} ms, first inference ${e.coldStart.firstInferenceMs} ms. ` +
      `Runner noise: ${e.noise.cvPercent}% cv, ${e.noise.driftPercent}% drift, ${e.noise.contentionPercent ?? '—'}% contention${e.noise.noisy ? ' **(noisy)**' : ''}.`,
  ];
  if (e.regression) {
    rows.push(
      '',
      `Regression vs ${e.regression.against} \`${e.regression.reference}\`: ${e.regression.reason}.`,
    );
  }
  rows.push(
    '',
    `<sub>model sha256 \`${e.model.sha256}\` · profile \`${e.profileHash}\` · ${e.environment.cpuModel} (${e.environment.cores} cores) · node ${e.environment.node} · onnxruntime ${e.environment.onnxruntime}</sub>`,
    '',
  );
  return rows.join('\n');
}
