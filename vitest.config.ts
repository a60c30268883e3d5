import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * Two Vitest tiers. `unit`: pure logic, the Dexie store on fake-indexeddb, React in
 * jsdom (per-file `@vitest-environment jsdom`), main handlers with injected effects.
 * `integration`: the server against PGlite, and against PostgreSQL when DATABASE_URL is set.
 */
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{shared,renderer,main,server,scripts}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{server,scripts,tests/integration}/**/*.int.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // PGlite instances are heavy; run files one after another on this 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
