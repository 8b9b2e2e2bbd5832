/**
 * Vite builds the client (`client/` -> `dist/client/`); in development it proxies `/api` to the
 * Ringtrace server. Vitest runs two projects: `unit` (pure functions, no database) and
 * `integration` (a real Neo4j, started by tests/integration/globalSetup.ts when NEO4J_URI is unset,
 * and the end-to-end tests in a real browser).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: 'client',
  build: { outDir: '../dist/client', emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  test: {
    root: '.',
    projects: [
      {
        test: {
          name: 'unit',
          root: '.',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // The client shows times in the browser's zone: unit tests read them in UTC anywhere.
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'integration',
          root: '.',
          // End-to-end browser tests share the integration tier's Neo4j.
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/globalSetup.ts'],
          // One Neo4j database: test files run one after another, each starting from an empty graph.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
