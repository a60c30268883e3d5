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
          // Waits end on the event they wait for; these are ceilings, not pauses. The
          // defaults (1 s for expect.poll and Testing Library, 5 s a test) failed on
          // a loaded 2-core CI machine although nothing was wrong.
          testTimeout: 30_000,
          // requireAssertions: a test that ran no assertion (an empty loop, a branch not
          // taken) fails instead of passing without having checked anything.
          expect: { requireAssertions: true, poll: { timeout: 15_000 } },
          setupFiles: ['./tests/setup/unit-waits.ts'],
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
          expect: { requireAssertions: true },
          // PGlite instances are heavy; run files one after another on this 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
