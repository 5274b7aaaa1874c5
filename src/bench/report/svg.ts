import type { BenchEvidence } from '../evidence.js';
import { binBuckets } from './histogram-bins.js';

const W = 360;
const H = 240;
const PAD = { left: 48, right: 12, top: 28, bottom: 36 };
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const n2 = (x: number) => Number(x.toFixed(2));

/**
 * A self-contained SVG: the latency CDF (left) and histogram (right), both with the SLA bound
 * drawn as a red line and, on the CDF, the SLA percentile as a dashed one.
 */
export function renderSvg(e: BenchEvidence): string {
  const buckets = e.histogram.buckets;
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  const maxMs = Math.max(e.sla.boundMs * 1.1, e.latencyMs.p999 * 1.05, 1e-3);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (ms: number) => n2(PAD.left + (Math.min(ms, maxMs) / maxMs) * plotW);
  const y = (fraction: number) => n2(PAD.top + (1 - fraction) * plotH);

  let seen = 0;
  const cdf = [`M ${x(0)} ${y(0)}`];
  for (const [ns, count] of buckets) {
    const ms = ns / 1e6;
    cdf.push(`L ${x(ms)} ${y(seen / total)}`);
    seen += count;
    cdf.push(`L ${x(ms)} ${y(seen / total)}`);
  }
  cdf.push(`L ${x(maxMs)} ${y(1)}`);

  const bins = binBuckets(buckets, 40).filter((bin) => bin.fromMs <= maxMs);
  const peak = Math.max(1, ...bins.map((bin) => bin.count));
  const bars = bins
    .map((bin) => {
      const bx = x(bin.fromMs);
      const bw = Math.max(0.5, n2(x(bin.toMs) - bx - 0.5));
      const top = y(bin.count / peak);
      return `<rect x="${bx}" y="${top}" width="${bw}" height="${n2(PAD.top + plotH - top)}" fill="#4c78a8"/>`;
    })
    .join('');

  const axes = (title: string, yLabel: string) =>
    `<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${PAD.left + plotW}" y2="${PAD.top + plotH}" stroke="#333"/>` +
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${PAD.top + plotH}" stroke="#333"/>` +
    `<text x="${PAD.left + plotW / 2}" y="16" text-anchor="middle" font-weight="bold">${escape(title)}</text>` +
    `<text x="${PAD.left + plotW / 2}" y="${H - 6}" text-anchor="middle">latency (ms)</text>` +
    `<text x="12" y="${PAD.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 12 ${PAD.top + plotH / 2})">${yLabel}</text>` +
    [0, 0.25, 0.5, 0.75, 1]
      .map(
        (f) =>
          `<text x="${x(maxMs * f)}" y="${PAD.top + plotH + 14}" text-anchor="middle">${n2(maxMs * f)}</text>`,
      )
      .join('');
  const slaLine = `<line x1="${x(e.sla.boundMs)}" y1="${PAD.top}" x2="${x(e.sla.boundMs)}" y2="${PAD.top + plotH}" stroke="#d62728" stroke-width="1.5"><title>SLA ${e.sla.boundMs} ms</title></line>`;
  const pLine = `<line x1="${PAD.left}" y1="${y(e.sla.percentile / 100)}" x2="${PAD.left + plotW}" y2="${y(e.sla.percentile / 100)}" stroke="#d62728" stroke-dasharray="4 3"/>`;
  const label = `${e.verdict.toUpperCase()}: p${e.sla.percentile} ${e.slaVerdict.estimateMs} ms vs SLA ${e.sla.boundMs} ms, ${e.samples} samples`;

  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W * 2}" height="${H + 20}" viewBox="0 0 ${W * 2} ${H + 20}" font-family="sans-serif" font-size="10">\n` +
    `<title>${escape(`poc bench ${e.model.path}: ${label}`)}</title>\n` +
    `<rect width="100%" height="100%" fill="#fff"/>\n` +
    `<g id="cdf">${axes('Latency CDF', 'fraction ≤ x')}<path d="${cdf.join(' ')}" fill="none" stroke="#4c78a8" stroke-width="1.5"/>${slaLine}${pLine}</g>\n` +
    `<g id="histogram" transform="translate(${W} 0)">${axes('Latency histogram', 'count')}${bars}${slaLine}</g>\n` +
    `<text x="${W}" y="${H + 14}" text-anchor="middle">${escape(label)}</text>\n` +
    `</svg>\n`
  );
}
