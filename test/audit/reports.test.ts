import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

import { CHECKS, renderHtml, renderMarkdown, renderSarif, type AuditResult } from '../../src/audit/index.js';
import { ROOT } from '../helpers/run-command.js';
import { audit } from './helpers.js';
import { addFiles, dvcMlflowProject, flaskApp, helmWithoutProbes, notebookPoc } from './repos.js';

const GOLDEN = join(ROOT, 'test/fixtures/audit/golden');
/**
 * The official SARIF 2.1.0 schema (rtm.5, the final 2.1.0 schema; draft-04), vendored from the
 * npm package @microsoft/jest-sarif@1.0.0-beta.0 (MIT), lib/schemas/sarif-2.1.0-rtm.5.json.
 */
const SARIF_SCHEMA = JSON.parse(
  readFileSync(join(ROOT, 'test/fixtures/audit/sarif-2.1.0-rtm.5.json'), 'utf8'),
);

/** The golden files must not change with the package version. */
const pinned = (result: AuditResult): AuditResult => ({
  ...result,
  tool: { ...result.tool, version: '0.0.0-golden' },
});

async function wavedFlaskResult(): Promise<AuditResult> {
  const root = flaskApp();
  addFiles(root, {
    'poc.yaml':
      'project:\n  name: classifier\nwaivers:\n  - check: SRV-003\n    reason: Vendor base image runs as root until Q3.\n' +
      '    owner: Jane Doe <jane@plant.example>\n    expires: 2026-12-31\n',
  });
  return pinned(await audit(root));
}

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

// ajv-draft-04 is CommonJS; its default export is the class (the SARIF schema is draft-04).
const Ajv = createRequire(import.meta.url)('ajv-draft-04') as typeof import('ajv-draft-04').default;
// unicodeRegExp off: the official schema's language pattern is not valid with the u flag.
const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(SARIF_SCHEMA);

function validateSarif(text: string) {
  const log = JSON.parse(text);
  expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  return log;
}

describe('reports', () => {
  it('JSON matches the golden file (UPDATE_GOLDEN=1 rewrites it)', async () => {
    golden('flask.json', `${JSON.stringify(await wavedFlaskResult(), null, 2)}\n`);
  });

  it('SARIF matches the golden file and validates against the SARIF 2.1.0 schema', async () => {
    const sarif = renderSarif(await wavedFlaskResult());
    const log = validateSarif(sarif);
    golden('flask.sarif', sarif);
    // The validator is not a rubber stamp: a result without a message is refused.
    delete log.runs[0].results[0].message;
    expect(validate(log)).toBe(false);
  });

  it('SARIF declares every rule, locates every result and fingerprints it stably', async () => {
    for (const make of [notebookPoc, flaskApp, helmWithoutProbes, dvcMlflowProject]) {
      const root = make();
      const log = validateSarif(renderSarif(await audit(root)));
      const run = log.runs[0];
      expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(
        CHECKS.map((check) => check.id),
      );
      for (const rule of run.tool.driver.rules) {
        expect(rule.shortDescription.text).toBeTruthy();
        expect(rule.fullDescription.text).toBeTruthy();
        expect(rule.help.text).toBeTruthy();
      }
      expect(run.results.length).toBeGreaterThan(0);
      for (const result of run.results) {
        expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
        const location = result.locations[0].physicalLocation;
        expect(
          existsSync(join(root, decodeURIComponent(location.artifactLocation.uri))),
          location.artifactLocation.uri,
        ).toBe(true);
        expect(location.region.startLine).toBeGreaterThanOrEqual(1);
        expect(result.partialFingerprints['pocAudit/v1']).toMatch(/^[0-9a-f]{32}$/);
      }
      const again = JSON.parse(renderSarif(await audit(root))).runs[0].results;
      expect(again.map((item: { partialFingerprints: unknown }) => item.partialFingerprints)).toEqual(
        run.results.map((item: { partialFingerprints: unknown }) => item.partialFingerprints),
      );
    }
  });

  it('fingerprints survive edits that move lines', async () => {
    const root = flaskApp();
    const before = JSON.parse(renderSarif(await audit(root))).runs[0].results;
    addFiles(root, {
      Dockerfile: '# syntax=docker/dockerfile:1\n\nFROM python:latest\nCMD ["python", "app.py"]\n',
    });
    const after = JSON.parse(renderSarif(await audit(root))).runs[0].results;
    const pick = (
      results: Array<{
        ruleId: string;
        partialFingerprints: Record<string, string>;
        locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
      }>,
    ) => results.find((item) => item.ruleId === 'SRV-009')!;
    expect(pick(after).locations[0]!.physicalLocation.region.startLine).toBe(3);
    expect(pick(after).partialFingerprints).toEqual(pick(before).partialFingerprints);
  });

  it('two runs give byte-identical JSON', async () => {
    const root = dvcMlflowProject();
    expect(JSON.stringify(await audit(root))).toBe(JSON.stringify(await audit(root)));
  });

  it('Markdown has the score, the area table, open findings, the plan and the waivers', async () => {
    const result = await wavedFlaskResult();
    const markdown = renderMarkdown(result);
    expect(markdown).toContain(`**${result.score}/100**`);
    expect(markdown).toContain('| Serving | layer |');
    expect(markdown).toContain('| Data readiness | pillar |');
    expect(markdown).toContain('`SRV-009` Pinned base image');
    expect(markdown).toContain('`Dockerfile:1`');
    expect(markdown).toContain('### Action plan');
    expect(markdown).toContain('| `SRV-003` | active | Jane Doe <jane@plant.example> | 2026-12-31 |');
  });

  it('HTML is one self-contained page with a chart of every layer and pillar', async () => {
    const result = await wavedFlaskResult();
    const html = renderHtml(result);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    for (const area of [...result.layers, ...result.pillars])
      expect(html).toContain(`<title>${area.title.replace('&', '&amp;')}: `);
    expect(html).not.toMatch(/<script|<link|src=|href=/i);
    expect(html).toContain('Jane Doe &lt;jane@plant.example&gt;');
  });
});
