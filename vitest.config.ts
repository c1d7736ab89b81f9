import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A real PostgreSQL server for corporate's tests (one per run; it says what to install if it cannot).
    globalSetup: ['test/pg/globalSetup.ts'],
  },
});
