import { defineConfig } from 'vitest/config';

// End-to-end: real Chromium (Debian's) driven by playwright-core against the built app.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // Browser work (service worker install, IndexedDB) takes more than the 1 s default.
    expect: { poll: { timeout: 10_000, interval: 100 } },
    globalSetup: ['tests/e2e/global-setup.ts'],
  },
});
