import { CHECKS } from '../checks/registry.js';
import type { AuditResult, Finding, Severity } from '../types.js';
import { isOpen } from './group.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};
/** GitHub maps security-severity to its own scale: >= 9 critical, >= 7 high, >= 4 medium. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '7.5',
  medium: '5.0',
  low: '2.0',
};

const uri = (path: string) => path.split('/').map(encodeURIComponent).join('/');

const physical = (file: string, line: number) => ({
  physicalLocation: { artifactLocation: { uri: uri(file) }, region: { startLine: Math.max(1, line) } },
});

/**
 * SARIF 2.1.0 for GitHub code scanning: every check declared as a rule (so fixed alerts close),
 * every open or waived finding a located result with a stable fingerprint, waivers as
 * suppressions carrying their reason, owner and expiry.
 */
export function renderSarif(result: AuditResult): string {
  const rules = CHECKS.map((check) => ({
    id: check.id,
    name: check.title
      .replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? '').toUpperCase())
      .replace(/^./, (first) => first.toUpperCase()),
    shortDescription: { text: check.title },
    fullDescription: { text: check.rationale },
    help: {
      text: check.remediation,
      markdown: `**${check.title}**\n\n${check.rationale}\n\n**Fix:** ${check.remediation}`,
    },
    defaultConfiguration: { level: LEVEL[check.severity] },
    properties: {
      tags: ['poc-audit', check.area],
      'security-severity': SECURITY_SEVERITY[check.severity],
      precision: 'medium',
    },
  }));
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const reported = result.findings.filter((finding) => isOpen(finding) || finding.status === 'waived');
  const results = reported.map((finding: Finding) => ({
    ruleId: finding.id,
    ruleIndex: ruleIndex.get(finding.id)!,
    level: LEVEL[finding.severity],
    message: { text: `${finding.message} Fix: ${finding.remediation}` },
    locations: [physical(finding.location.file, finding.location.line)],
    ...(finding.evidence.length > 1
      ? {
          relatedLocations: finding.evidence.slice(1, 10).map((item, i) => ({
            id: i + 1,
            ...physical(item.file, item.line),
            message: { text: item.text ?? 'evidence' },
          })),
        }
      : {}),
    partialFingerprints: { 'pocAudit/v1': finding.fingerprint },
    properties: { status: finding.status, grade: finding.grade, target: finding.target, area: finding.area },
    ...(finding.status === 'waived' && finding.waiver
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: `${finding.waiver.reason} (owner: ${finding.waiver.owner}; expires ${finding.waiver.expires})`,
              location: physical(finding.waiver.location.file, finding.waiver.location.line),
            },
          ],
        }
      : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'poc-audit',
            semanticVersion: result.tool.version,
            rules,
          },
        },
        automationDetails: { id: 'poc-audit/' },
        results,
        properties: {
          score: result.score,
          uncappedScore: result.uncappedScore,
          cappedBy: result.cappedBy,
          maturity: result.maturity.level,
          layers: Object.fromEntries(result.layers.map((layer) => [layer.id, layer.score])),
          pillars: Object.fromEntries(result.pillars.map((pillar) => [pillar.id, pillar.score])),
          // Every waiver, also expired, refused or unused ones: suppressions only show active ones.
          waivers: result.waivers,
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
