import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real model, real broker, real files: generous limits for a loaded CI machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
