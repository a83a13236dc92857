import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** End-to-end journeys: the real app (browser host + demo server) driven in Debian's Chromium. */
export default defineConfig({
  root: resolve(dirname(fileURLToPath(import.meta.url)), '..'),
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['./e2e/support/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // One app at a time: each journey owns its app process and browser.
    fileParallelism: false,
    pool: 'forks',
  },
});
