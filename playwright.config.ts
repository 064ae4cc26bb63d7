import { defineConfig } from '@playwright/test';
import { BASE_URL } from './e2e/env';

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  // The tests share one server and database, and the sign-in rate limit counts per address.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: BASE_URL,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: /journeys\.spec\.ts/ },
    // The journeys suite moves the server's clock forward (a two-day wait): it runs after
    // everything else, so no other suite sees days pass or its scores decay.
    { name: 'time-travel', use: { browserName: 'chromium' }, testMatch: /journeys\.spec\.ts/, dependencies: ['chromium'] },
  ],
});
