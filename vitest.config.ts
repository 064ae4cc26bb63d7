import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Each file gets its own database cloned from a migrated template, so files run in parallel.
    pool: 'forks',
    fileParallelism: true,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two projects so that the PostgreSQL global setup starts only when server tests run.
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts'],
          globalSetup: ['server/src/test/global-setup.ts'],
        },
      },
      { extends: true, test: { name: 'tracker', include: ['tracker/src/**/*.test.ts'] } },
    ],
  },
});
