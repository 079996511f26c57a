import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Many suites wait on the platforms' pacing or on child processes rather than on the CPU: run three at once.
    maxWorkers: 3,
    reporters: ['default'],
  },
});
