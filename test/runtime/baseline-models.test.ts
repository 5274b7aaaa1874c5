import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildBaseline,
  committedModelDir,
  MODEL_FILES,
  sha256Of,
  USE_CASES,
} from '../../scripts/runtime-build-models.js';

/**
 * The baseline models committed in templates/usecases/<use case>/model are exactly what the
 * training code produces (seeded data, single-threaded deterministic training, ONNX without
 * timestamps, weights rounded against last-bit CPU differences). Needs /usr/bin/python3 with
 * python3-torch and python3-onnx. Regenerate with: npx tsx scripts/runtime-build-models.ts --write
 */
describe.each(USE_CASES)('runtime: baseline model of %s', (useCase) => {
  it(
    'is rebuilt byte for byte from code',
    async () => {
      const built = await buildBaseline(useCase);
      try {
        for (const file of MODEL_FILES) {
          expect(await sha256Of(join(built.dir, file)), `${useCase}/model/${file}`).toBe(
            await sha256Of(join(committedModelDir(useCase), file)),
          );
        }
      } finally {
        await built.cleanup();
      }
    },
    5 * 60_000,
  );
});
