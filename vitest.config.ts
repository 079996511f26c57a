import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // One file per core: more at once only adds load, and the timing checks (pacing, kills) feel it.
    maxWorkers: 2,
    // Files in one worker share loaded modules (Prisma's client, the program): importing them afresh for every
    // file cost about 40% of the suite's CPU. No test mocks modules or changes the environment of the process.
    isolate: false,
    reporters: ['default'],
  },
});
