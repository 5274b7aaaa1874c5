import { describe, expect, it } from 'vitest';

import { gateSummary, renderMarkdown, renderSarif, renderTerminal } from '../../src/audit/index.js';
import { audit, finding } from './helpers.js';
import { addFiles, flaskApp } from './repos.js';

const manifest = (waivers: string) => `project:\n  name: classifier\nwaivers:\n${waivers}`;

describe('waivers', () => {
  it('an active waiver suppresses the finding, stops it counting, and shows in SARIF', async () => {
    const root = flaskApp();
    const before = await audit(root);
    addFiles(root, {
      'poc.yaml': manifest(
        '  - check: SRV-003\n    reason: The base image runs as root until the vendor ships a rootless build.\n' +
          '    owner: Jane Doe <jane@plant.example>\n    expires: 2026-12-31\n',
      ),
    });
    const result = await audit(root);
    const waived = finding(result, 'SRV-003');
    expect(waived).toMatchObject({
      status: 'waived',
      waiver: {
        status: 'active',
        owner: 'Jane Doe <jane@plant.example>',
        location: { file: 'poc.yaml', line: 4 },
      },
    });
    expect(result.waivers).toHaveLength(1);
    expect(result.layers.find((layer) => layer.id === 'serving')!.score).toBeGreaterThan(
      before.layers.find((layer) => layer.id === 'serving')!.score!,
    );
    expect(renderTerminal(result)).toMatch(
      /SRV-003 active: owner Jane Doe <jane@plant\.example>, expires 2026-12-31 — .* \(poc\.yaml:4\)/,
    );
    expect(renderMarkdown(result)).toContain('🔕 | `SRV-003`');
    // A waived high finding no longer blocks promotion; the unwaived ones still do.
    expect(gateSummary(result).highFindings).not.toContain('SRV-003');
    expect(gateSummary(before).highFindings).toContain('SRV-003');
    const sarif = JSON.parse(renderSarif(result));
    const suppressed = sarif.runs[0].results.find((item: { ruleId: string }) => item.ruleId === 'SRV-003');
    expect(suppressed.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification:
          'The base image runs as root until the vendor ships a rootless build. (owner: Jane Doe <jane@plant.example>; expires 2026-12-31)',
        location: { physicalLocation: { artifactLocation: { uri: 'poc.yaml' }, region: { startLine: 4 } } },
      },
    ]);
  });

  it('an expired waiver is a finding again, and says so', async () => {
    const root = flaskApp();
    addFiles(root, {
      'poc.yaml': manifest(
        '  - check: SRV-003\n    reason: Accepted for the first pilot week only.\n    owner: Ops team\n    expires: 2026-01-31\n',
      ),
    });
    const result = await audit(root);
    expect(finding(result, 'SRV-003')).toMatchObject({ status: 'fail', waiver: { status: 'expired' } });
    expect(finding(result, 'SRV-003').message).toContain('waiver expired on 2026-01-31');
  });

  it('refuses waivers without owner, with a short reason or for an unknown check, and names why', async () => {
    const root = flaskApp();
    addFiles(root, {
      'poc.yaml': manifest(
        '  - check: SRV-003\n    reason: Because we said so, for now.\n    expires: 2026-12-31\n' +
          '  - check: SRV-009\n    reason: short\n    owner: Ops\n    expires: 2026-12-31\n' +
          '  - check: XYZ-999\n    reason: A check that does not exist at all.\n    owner: Ops\n    expires: 2026-12-31\n',
      ),
    });
    const result = await audit(root);
    expect(result.waivers.map((waiver) => [waiver.check, waiver.status, waiver.location.line])).toEqual([
      ['SRV-003', 'invalid', 4],
      ['SRV-009', 'invalid', 7],
      ['XYZ-999', 'unknown-check', 11],
    ]);
    expect(result.waivers[0]!.problem).toContain('owner is required');
    // Refused waivers stay visible in SARIF too, with their reasons.
    const sarif = JSON.parse(renderSarif(result));
    expect(sarif.runs[0].properties.waivers.map((waiver: { status: string }) => waiver.status)).toEqual([
      'invalid',
      'invalid',
      'unknown-check',
    ]);
    expect(finding(result, 'SRV-003').status).toBe('fail');
    expect(finding(result, 'SRV-009').status).toBe('fail');
  });
});
