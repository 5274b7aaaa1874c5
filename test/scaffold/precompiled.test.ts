import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

import * as source from '../../src/scaffold/index.js';
import { ROOT } from '../helpers/run-command.js';

const built = join(ROOT, 'dist/scaffold/index.js');

/**
 * The built engine renders from templates precompiled at build time; the source engine compiles
 * them. Both must give the same bytes. Needs `npm run build` (npm test runs it first).
 */
it.runIf(existsSync(built))(
  'the built engine with precompiled templates renders the same bytes as the source engine',
  async () => {
    const output = execFileSync(process.execPath, [join(ROOT, 'scripts/precompile-templates.mjs')], {
      encoding: 'utf8',
    });
    expect(output).toMatch(/^precompiled \d+ templates/);
    const dist = (await import(pathToFileURL(built).href)) as typeof source;
    for (const answers of [
      {
        name: 'line-3',
        integrations: ['mes-rest', 'erp-rest', 'historian-rest', 'sensors-mqtt'],
        ci: ['github', 'gitlab'],
        facilities: ['plant-a', 'plant-b'],
      },
      {
        name: 'pump-7',
        useCase: 'predictive-maintenance',
        integrations: [],
        remote: { type: 's3', bucket: 'acme-ml' },
      },
    ]) {
      const fromDist = await dist.planProject(dist.buildContext(answers, { templateVersion: '1.2.3' }));
      const fromSource = await source.planProject(source.buildContext(answers, { templateVersion: '1.2.3' }));
      expect(fromDist.files.map((file) => [file.path, file.content.toString('base64')])).toEqual(
        fromSource.files.map((file) => [file.path, file.content.toString('base64')]),
      );
    }
  },
);
