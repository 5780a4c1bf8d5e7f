import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against a running server. The test script starts the server, sets
 * E2E_BASE_URL and writes the demo credentials to the file named in E2E_CREDENTIALS.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Its own folder, so cleaning it never removes other reports under test-results/.
  outputDir: 'test-results/e2e',
  // reports/e2e.json feeds the closing "N passed, N failed" line of `npm test`.
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3100',
    screenshot: 'on',
    trace: 'retain-on-failure',
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
