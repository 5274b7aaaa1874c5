import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import Lint from '../../src/commands/contract/lint.js';
import Verify from '../../src/commands/contract/verify.js';
import { startMocks, type MockSession, type VerifyReport } from '../../src/contracts/index.js';
import { loadProject } from '../../src/manifest/index.js';
import { freePort } from '../helpers/contract-project.js';
import { EVERYTHING, generateProject } from '../helpers/generate-project.js';
import { runCommand } from '../helpers/run-command.js';

const sessions: MockSession[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.stop()));
});

/**
 * The contracts poc init writes (templates/project/contracts and the use cases' sensors
 * contract) must lint clean, and each mock must pass its own contract. The generated mock
 * endpoints use fixed ports; they move to free ones here, as a user would edit poc.yaml.
 */
describe('contracts of a generated project', () => {
  for (const useCase of ['quality-inspection', 'predictive-maintenance']) {
    it(`${useCase}: lint clean, and every mock passes poc contract verify`, async () => {
      const { dir } = await generateProject({ ...EVERYTHING, useCase });
      const manifestFile = join(dir, 'poc.yaml');
      let text = readFileSync(manifestFile, 'utf8');
      for (const match of text.matchAll(/mock: (http|mqtt):\/\/127\.0\.0\.1:(\d+)/g)) {
        text = text.replace(match[0], `mock: ${match[1]}://127.0.0.1:${await freePort()}`);
      }
      writeFileSync(manifestFile, text);

      const lint = await runCommand(Lint, ['--dir', dir, '--json']);
      expect(lint.stdout).not.toContain('"severity": "error"');
      expect(lint.exitCode).toBe(0);

      const { root, manifest } = await loadProject(dir);
      expect(manifest.integrations.map((i) => i.kind).sort()).toEqual(['mqtt', 'rest', 'rest', 'rest']);
      sessions.push(await startMocks(root, manifest, { seed: 3, latencyMs: [0, 0], errorRate: 0, speed: 1 }));
      for (const integration of manifest.integrations) {
        const { exitCode, json } = await runCommand(Verify, [
          integration.name,
          '--dir',
          dir,
          '--allow-writes',
          '--window',
          '3s',
          '--json',
        ]);
        const report = json?.result as VerifyReport;
        const failed = report.checks.filter((c) => !c.passed && !c.skipped);
        expect(failed, `${integration.name}: ${JSON.stringify(failed, null, 1)}`).toEqual([]);
        expect(exitCode).toBe(0);
        expect(report.summary.passed).toBeGreaterThan(2);
      }
    });
  }
});
