import { formatProblem } from '../../core/errors.js';
import type { VerifyReport } from './report.js';

const escape = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/** JUnit XML: one suite per integration, one case per check, so CI shows each contract clause. */
export function toJunit(report: VerifyReport): string {
  const { summary } = report;
  const cases = report.checks.map((check) => {
    const name = escape(`${check.subject} ${check.check}`);
    const classname = escape(`contract.${report.integration}`);
    const where = check.location ? `${formatProblem({ ...check.location, message: '' }).trim()}\n` : '';
    const body = escape(`${where}${check.details.join('\n')}`);
    if (check.skipped)
      return `    <testcase name="${name}" classname="${classname}"><skipped message="${escape(check.details[0] ?? '')}"/></testcase>`;
    if (check.passed)
      return `    <testcase name="${name}" classname="${classname}"><system-out>${body}</system-out></testcase>`;
    return `    <testcase name="${name}" classname="${classname}"><failure message="${escape(check.details[0] ?? 'failed')}">${body}</failure></testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="poc contract verify" tests="${summary.checks}" failures="${summary.failed}" skipped="${summary.skipped}">`,
    `  <testsuite name="${escape(`${report.integration} (${report.environment}) ${report.endpoint}`)}" tests="${summary.checks}" failures="${summary.failed}" skipped="${summary.skipped}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
