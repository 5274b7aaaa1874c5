import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // oclif writes through process.stdout; the test helper captures it, so vitest must not.
    disableConsoleIntercept: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A fresh CI machine has no git config; the tests commit with this identity, as CI jobs do.
    env: {
      NO_COLOR: '1',
      GIT_AUTHOR_NAME: 'poc2prod tests',
      GIT_AUTHOR_EMAIL: 'tests@poc2prod.invalid',
      GIT_COMMITTER_NAME: 'poc2prod tests',
      GIT_COMMITTER_EMAIL: 'tests@poc2prod.invalid',
    },
  },
});
