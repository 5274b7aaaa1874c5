import type { AuditResult } from '../types.js';
import { byArea, isOpen, scoreText, where } from './group.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const ICON = { pass: '✅', partial: '🟡', fail: '❌', 'not-applicable': '➖', waived: '🔕' } as const;

/** For a PR comment or a CI job summary: scores, open findings, the plan, waivers. */
export function renderMarkdown(result: AuditResult, options: { actions?: number } = {}): string {
  const out: string[] = [];
  const cap = result.cappedBy ? ` — capped by **${result.cappedBy}** (${result.uncappedScore} uncapped)` : '';
  out.push(`## poc audit: ${cell(result.project.name)} — **${result.score}/100**${cap}`, '');
  out.push(
    `MLOps maturity: **${result.maturity.label}**${result.maturity.nextLevelNeeds.length ? `; next level needs ${result.maturity.nextLevelNeeds.map((id) => `\`${id}\``).join(', ')}` : ''}.`,
    '',
  );
  out.push(
    '| Area | Kind | Score | Passed | Open | N/A | Waived |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const group of byArea(result))
    out.push(
      `| ${group.area.title} | ${group.kind} | ${scoreText(group.area.score)} | ${group.area.passed} | ${group.area.failed} | ${group.area.notApplicable} | ${group.area.waived} |`,
    );
  out.push('');
  const open = result.findings.filter((finding) => isOpen(finding) || finding.status === 'waived');
  if (open.length > 0) {
    out.push(
      '### Open findings',
      '',
      '| | Check | Severity | Finding | Where |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const finding of open)
      out.push(
        `| ${ICON[finding.status]} | \`${finding.id}\` ${cell(finding.title)} | ${finding.severity} | ${cell(finding.message)} | \`${where(finding)}\` |`,
      );
    out.push('');
  }
  const limit = options.actions ?? 10;
  if (result.actions.length > 0) {
    out.push(
      '### Action plan',
      '',
      '| # | Gain | Effort | Check | What to do |',
      '| ---: | ---: | --- | --- | --- |',
    );
    for (const action of result.actions.slice(0, limit))
      out.push(
        `| ${action.rank} | +${action.gain} (+${action.uncappedGain} uncapped) | ${action.effort} | \`${action.id}\` ${cell(action.title)} | ${cell(action.remediation)} |`,
      );
    out.push('');
  }
  if (result.waivers.length > 0) {
    out.push(
      '### Waivers',
      '',
      '| Check | Status | Owner | Expires | Reason |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const waiver of result.waivers)
      out.push(
        `| \`${cell(waiver.check)}\` | ${waiver.status}${waiver.problem ? ` (${cell(waiver.problem)})` : ''} | ${cell(waiver.owner)} | ${waiver.expires} | ${cell(waiver.reason)} |`,
      );
    out.push('');
  }
  const passed = result.findings.filter((finding) => finding.status === 'pass');
  out.push(
    `<details><summary>${passed.length} checks passed</summary>`,
    '',
    ...passed.map(
      (finding) => `- \`${finding.id}\` ${finding.title} (${finding.grade}, \`${where(finding)}\`)`,
    ),
    '',
    '</details>',
    '',
  );
  return `${out.join('\n')}\n`;
}
