import type { BenchEvidence } from '../evidence.js';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * JUnit XML: one test case for the SLA and one for the regression check when there is one. An
 * inconclusive result is reported as skipped, so CI shows it without calling it a failure.
 */
export function renderJunit(e: BenchEvidence): string {
  const cases: { name: string; status: string | null; message: string }[] = [
    {
      name: `p${e.sla.percentile} <= ${e.sla.boundMs} ms`,
      status: e.slaVerdict.status,
      message: e.slaVerdict.reason,
    },
  ];
  if (e.regression)
    cases.push({
      name: `regression vs ${e.regression.reference}`,
      status: e.regression.status ?? 'pass',
      message: e.regression.reason,
    });
  const failures = cases.filter((c) => c.status === 'fail').length;
  const skipped = cases.filter((c) => c.status === 'inconclusive').length;
  const seconds = (e.durationMs / 1000).toFixed(3);
  const body = cases
    .map((c) => {
      const open = `    <testcase classname="poc.bench.${escape(e.model.path)}" name="${escape(c.name)}" time="${seconds}">`;
      const inner =
        c.status === 'fail'
          ? `\n      <failure message="${escape(c.message)}" type="sla"/>\n    `
          : c.status === 'inconclusive'
            ? `\n      <skipped message="${escape(`inconclusive: ${c.message}`)}"/>\n    `
            : '';
      return `${open}${inner}</testcase>`;
    })
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="poc bench" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${seconds}">\n` +
    `  <testsuite name="${escape(e.model.path)}" tests="${cases.length}" failures="${failures}" skipped="${skipped}" time="${seconds}">\n` +
    `${body}\n  </testsuite>\n</testsuites>\n`
  );
}
