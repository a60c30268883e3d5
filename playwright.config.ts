import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests. `web`: the built renderer served by the real server, in Debian's
 * Chromium (never a downloaded browser). `electron`: the desktop app through
 * Playwright's _electron; those tests skip themselves, saying why, where no Electron
 * binary exists. Build first: `npm run build` (npm test does).
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  // A ceiling, not a pause. Every page load now passes the lock (PBKDF2 at 600,000 rounds
  // per setup or unlock, about 0.5 s, several seconds on a loaded 2-core machine).
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  // Two cores: one worker keeps the server, Chromium and IndexedDB from starving each other.
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'web', testDir: 'tests/e2e' },
    { name: 'electron', testDir: 'tests/electron' },
  ],
});
