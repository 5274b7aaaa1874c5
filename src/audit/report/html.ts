import type { AuditResult } from '../types.js';
import { byArea, isOpen, scoreText, where } from './group.js';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );

const colour = (score: number | null) =>
  score === null ? '#9aa0a6' : score >= 80 ? '#1e8e3e' : score >= 50 ? '#f9ab00' : '#d93025';

/** A horizontal bar per layer and pillar, as inline SVG (no scripts, no external assets). */
function chart(result: AuditResult): string {
  const rows = [...result.layers, ...result.pillars];
  const rowHeight = 28;
  const labelWidth = 210;
  const barWidth = 360;
  const height = rows.length * rowHeight + 16;
  const bars = rows
    .map((area, i) => {
      const y = 8 + i * rowHeight;
      const width = area.score === null ? 0 : Math.round((area.score / 100) * barWidth);
      const separator =
        i === result.layers.length
          ? `<line x1="0" x2="${labelWidth + barWidth + 50}" y1="${y - 4}" y2="${y - 4}" stroke="#dadce0"/>`
          : '';
      return (
        `${separator}<text x="0" y="${y + 15}" font-size="13">${escape(area.title)}</text>` +
        `<rect x="${labelWidth}" y="${y}" width="${barWidth}" height="20" fill="#f1f3f4"/>` +
        `<rect x="${labelWidth}" y="${y}" width="${width}" height="20" fill="${colour(area.score)}"><title>${escape(area.title)}: ${scoreText(area.score)}</title></rect>` +
        `<text x="${labelWidth + barWidth + 8}" y="${y + 15}" font-size="13">${scoreText(area.score)}</text>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Scores by layer and pillar" width="${labelWidth + barWidth + 50}" height="${height}" font-family="system-ui, sans-serif">${bars}</svg>`;
}

/** A self-contained one-page report for decision makers: score, chart, top actions, open gaps. */
export function renderHtml(result: AuditResult, options: { actions?: number } = {}): string {
  const open = result.findings.filter((finding) => isOpen(finding) || finding.status === 'waived');
  const limit = options.actions ?? 10;
  const cap = result.cappedBy
    ? `Capped by the ${escape(result.cappedBy)} layer (${result.uncappedScore} uncapped).`
    : 'Not capped by any layer.';
  const groups = byArea(result)
    .map(
      (group) =>
        `<tr><td>${escape(group.area.title)}</td><td>${group.kind}</td><td class="num">${scoreText(group.area.score)}</td><td class="num">${group.area.passed}</td><td class="num">${group.area.failed}</td><td class="num">${group.area.notApplicable}</td></tr>`,
    )
    .join('\n');
  const actions = result.actions
    .slice(0, limit)
    .map(
      (action) =>
        `<tr><td class="num">${action.rank}</td><td class="num">+${action.gain} <small>(+${action.uncappedGain} uncapped)</small></td><td>${action.effort}</td><td><code>${action.id}</code> ${escape(action.title)}</td><td>${escape(action.remediation)}</td></tr>`,
    )
    .join('\n');
  const findings = open
    .map(
      (finding) =>
        `<tr class="${finding.status}"><td><code>${finding.id}</code></td><td>${finding.severity}</td><td>${finding.status}</td><td>${escape(finding.message)}</td><td><code>${escape(where(finding))}</code></td></tr>`,
    )
    .join('\n');
  const waivers = result.waivers
    .map(
      (waiver) =>
        `<tr><td><code>${escape(waiver.check)}</code></td><td>${waiver.status}</td><td>${escape(waiver.owner)}</td><td>${escape(waiver.expires)}</td><td>${escape(waiver.reason)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Production readiness: ${escape(result.project.name)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #202124; padding: 0 1rem; }
.score { font-size: 3rem; font-weight: 700; color: ${colour(result.score)}; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #dadce0; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
.num { text-align: right; }
tr.fail td:nth-child(3) { color: #d93025; } tr.partial td:nth-child(3) { color: #b06000; } tr.waived td:nth-child(3) { color: #1a73e8; }
</style>
</head>
<body>
<h1>Production readiness: ${escape(result.project.name)}</h1>
<p><span class="score">${result.score}</span>/100 &nbsp; ${cap}<br>MLOps maturity: <strong>${escape(result.maturity.label)}</strong>. Audited ${escape(result.date)} with poc-audit ${escape(result.tool.version)}.</p>
${chart(result)}
<h2>Where to act first</h2>
<table><thead><tr><th>#</th><th>Gain</th><th>Effort</th><th>Check</th><th>What to do</th></tr></thead><tbody>
${actions || '<tr><td colspan="5">Nothing: every applicable check passes.</td></tr>'}
</tbody></table>
<h2>Layers and pillars</h2>
<table><thead><tr><th>Area</th><th>Kind</th><th>Score</th><th>Passed</th><th>Open</th><th>N/A</th></tr></thead><tbody>
${groups}
</tbody></table>
<h2>Open findings (${open.length})</h2>
<table><thead><tr><th>Check</th><th>Severity</th><th>Status</th><th>Finding</th><th>Where</th></tr></thead><tbody>
${findings || '<tr><td colspan="5">None.</td></tr>'}
</tbody></table>
${waivers ? `<h2>Waivers</h2>\n<table><thead><tr><th>Check</th><th>Status</th><th>Owner</th><th>Expires</th><th>Reason</th></tr></thead><tbody>\n${waivers}\n</tbody></table>` : ''}
</body>
</html>
`;
}
