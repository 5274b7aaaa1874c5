import { paint, type Colour } from '../../core/style.js';
import type { AuditResult, Finding } from '../types.js';
import { byArea, isOpen, scoreText, where } from './group.js';

const MARK: Record<Finding['status'], [string, Colour]> = {
  pass: ['✓', 'green'],
  partial: ['~', 'yellow'],
  fail: ['✗', 'red'],
  'not-applicable': ['-', 'dim'],
  waived: ['⊘', 'cyan'],
};

const BAR_WIDTH = 20;

function bar(score: number | null): string {
  if (score === null) return ' '.repeat(BAR_WIDTH);
  const filled = Math.round((score / 100) * BAR_WIDTH);
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
}

const colourFor = (score: number | null): Colour =>
  score === null ? 'dim' : score >= 80 ? 'green' : score >= 50 ? 'yellow' : 'red';

/** The grouped report for people: scores, open findings per area, the action plan, waivers. */
export function renderTerminal(
  result: AuditResult,
  options: { stream?: NodeJS.WriteStream; actions?: number } = {},
): string {
  const out: string[] = [];
  const c = (text: string, colour: Colour) => paint(text, colour, options.stream ?? process.stdout);
  const cap = result.cappedBy ? ` (capped by ${result.cappedBy}; ${result.uncappedScore} uncapped)` : '';
  out.push(
    `${c('poc audit', 'bold')} ${result.project.name}${result.project.manifest ? '' : ' (no poc.yaml)'}: ` +
      `score ${c(`${result.score}/100`, colourFor(result.score))}${cap}`,
    `MLOps maturity: ${result.maturity.label}${result.maturity.nextLevelNeeds.length ? ` — next level needs ${result.maturity.nextLevelNeeds.join(', ')}` : ''}`,
    '',
  );
  for (const [title, areas] of [
    ['Layers', result.layers],
    ['Pillars', result.pillars],
  ] as const) {
    out.push(c(title, 'bold'));
    for (const area of areas)
      out.push(
        `  ${area.title.padEnd(26)} ${scoreText(area.score).padStart(3)}  ${c(bar(area.score), colourFor(area.score))}`,
      );
    out.push('');
  }
  for (const group of byArea(result)) {
    const open = group.findings.filter((finding) => isOpen(finding) || finding.status === 'waived');
    const passed = group.findings.filter((finding) => finding.status === 'pass');
    const na = group.findings.filter((finding) => finding.status === 'not-applicable');
    out.push(
      `${c(group.area.title, 'bold')}  ${group.area.score === null ? 'not applicable' : `${group.area.score}/100`}`,
    );
    for (const finding of open) {
      const [mark, colour] = MARK[finding.status];
      out.push(`  ${c(mark, colour)} ${finding.id} ${finding.severity.padEnd(8)} ${finding.title}`);
      out.push(`      ${finding.message}`);
      out.push(
        c(
          `      at ${where(finding)}${finding.waiver ? `; waiver ${finding.waiver.status}, owner ${finding.waiver.owner}, expires ${finding.waiver.expires}` : ''}`,
          'dim',
        ),
      );
    }
    if (passed.length)
      out.push(
        `  ${c('✓', 'green')} ${passed.map((finding) => `${finding.id} (${finding.grade})`).join(', ')}`,
      );
    if (na.length) out.push(c(`  - not applicable: ${na.map((finding) => finding.id).join(', ')}`, 'dim'));
    out.push('');
  }
  const limit = options.actions ?? 10;
  if (result.actions.length > 0) {
    out.push(c('Action plan', 'bold'));
    for (const action of result.actions.slice(0, limit)) {
      const worth = `+${action.gain}${action.uncappedGain !== action.gain ? ` (+${action.uncappedGain} uncapped)` : ''}`;
      out.push(
        `  ${String(action.rank).padStart(2)}. ${action.id} ${action.title}: ${worth}, effort ${action.effort}`,
      );
      out.push(`       ${action.remediation}`);
    }
    if (result.actions.length > limit)
      out.push(c(`  … ${result.actions.length - limit} more in --json / --markdown`, 'dim'));
    out.push('');
  }
  if (result.waivers.length > 0) {
    out.push(c('Waivers', 'bold'));
    for (const waiver of result.waivers)
      out.push(
        `  ${waiver.check || '?'} ${waiver.status}${waiver.problem ? ` (${waiver.problem})` : ''}: owner ${waiver.owner || '?'}, expires ${waiver.expires || '?'} — ${waiver.reason} (${waiver.location.file}:${waiver.location.line})`,
      );
    out.push('');
  }
  const s = result.summary;
  out.push(
    `${s.checks} checks: ${s.passed} passed, ${s.partial} partial, ${s.failed} failed, ${s.notApplicable} not applicable, ${s.waived} waived; ` +
      `${result.scanned.files} file${result.scanned.files === 1 ? '' : 's'} scanned${result.scanned.skippedCount ? `, ${result.scanned.skippedCount} skipped (binary, too large, unreadable or broken links)` : ''}.`,
  );
  return `${out.join('\n')}\n`;
}
