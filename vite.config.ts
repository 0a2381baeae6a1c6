// The Vitest projects of the whole workspace. One global setup finds PostgreSQL (DATABASE_URL, the
// server at 127.0.0.1:5432, or an embedded one) and migrates a template every test file copies.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'domain', include: ['packages/*/test/**/*.test.ts', 'db/test/**/*.test.ts'] } },
      { extends: true, test: { name: 'server', include: ['apps/server/test/**/*.test.ts', 'test/**/*.test.ts'] } },
      {
        extends: true,
        // Adds (extends merges arrays) a setup that builds the web and admin apps (when stale) that the browser tests serve.
        test: { name: 'e2e', include: ['apps/*/e2e/**/*.test.ts'], globalSetup: ['./apps/web/e2e/support/global-setup.ts'], fileParallelism: false, testTimeout: 60_000 },
      },
    ],
  },
});
