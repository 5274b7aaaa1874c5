import { table } from '../../core/table.js';
import { paint } from '../../core/style.js';
import type { BenchEvidence } from '../evidence.js';
import { binBuckets } from './histogram-bins.js';

const BARS = ' ▁▂▃▄▅▆▇█';

/** A one-line histogram of the latency distribution, min to p99.9. */
export function sparkline(evidence: BenchEvidence, width = 40): string {
  const bins = binBuckets(evidence.histogram.buckets, width);
  const peak = Math.max(1, ...bins.map((bin) => bin.count));
  const bars = bins
    .map((bin) => BARS[bin.count === 0 ? 0 : Math.max(1, Math.round((bin.count / peak) * 8))])
    .join('');
  const first = bins[0];
  const last = bins[bins.length - 1];
  return first && last ? `${fmt(first.fromMs)} ms ${bars} ${fmt(last.toMs)} ms` : '';
}

function fmt(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3);
}

/** The human report: verdict first, then the numbers that justify it. */
export function renderTerminal(e: BenchEvidence): string {
  const colour = e.verdict === 'pass' ? 'green' : e.verdict === 'fail' ? 'red' : 'yellow';
  const v = e.slaVerdict;
  const l = e.latencyMs;
  const lines = [
    `${paint(e.verdict.toUpperCase(), colour)}  ${e.model.path}  p${e.sla.percentile} ≤ ${e.sla.boundMs} ms (${e.scenario})`,
    ...e.reasons.map((reason) => `  ${reason}`),
    '',
    table([
      ['samples', String(e.samples), 'duration', `${(e.durationMs / 1000).toFixed(1)} s (${e.stoppedBy})`],
      ['min', fmt(l.min), 'mean ± sd', `${fmt(l.mean)} ± ${fmt(l.stddev)}`],
      ['p50', fmt(l.p50), 'p90', fmt(l.p90)],
      ['p95', fmt(l.p95), 'p99', fmt(l.p99)],
      ['p99.9', fmt(l.p999), 'max', fmt(l.max)],
      [
        `p${e.sla.percentile} interval`,
        `${fmt(v.interval.lowMs)} … ${fmt(v.interval.highMs)} ms`,
        'confidence',
        `${(v.interval.confidence * 100).toFixed(2)}%`,
      ],
      [
        'cold start',
        `${fmt(e.coldStart.sessionCreateMs)} ms session`,
        'first run',
        `${fmt(e.coldStart.firstInferenceMs)} ms`,
      ],
      [
        'noise',
        `${e.noise.cvPercent}% cv, ${e.noise.driftPercent}% drift`,
        'contention',
        `${e.noise.contentionPercent ?? '—'}%${e.noise.noisy ? ' (noisy)' : ''}`,
      ],
    ]),
    '',
    `  ${sparkline(e)}`,
  ];
  if (e.server) {
    lines.push(
      '',
      `  server: ${e.server.rateRps} req/s offered, ${e.server.achievedRps} achieved, ${e.server.workers} workers; ` +
        `service p99 ${fmt(e.server.serviceMs.p99)} ms, dispatch delay p99 ${fmt(e.server.dispatchDelayMs.p99)} ms${e.server.unserved ? `, ${e.server.unserved} unserved at the drain limit` : ''}`,
    );
  }
  if (e.offline) {
    lines.push(
      '',
      table([
        ['concurrency', 'throughput/s', 'p50 ms', 'p99 ms'],
        ...e.offline.levels.map((x) => [
          String(x.concurrency),
          String(x.throughputRps),
          fmt(x.latencyMs.p50),
          fmt(x.latencyMs.p99),
        ]),
      ]),
    );
  }
  lines.push(
    '',
    `  model sha256:${e.model.sha256.slice(0, 16)}…  profile ${e.profileHash.slice(0, 19)}…  ${e.environment.cpuModel}, ${e.environment.cores} cores`,
  );
  return `${lines.join('\n')}\n`;
}
