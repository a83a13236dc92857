import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'server/**/*.test.ts',
      'migrations/**/*.test.ts',
      'scripts/**/*.test.ts',
      'main/**/*.test.ts',
      'renderer/**/*.test.ts',
      // Screen tests: each file asks for jsdom with `// @vitest-environment jsdom`.
      'renderer/**/*.test.tsx',
    ],
    globalSetup: ['./scripts/test-support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Both cores: the default leaves one idle on the 2-core machines CI and offices use.
    maxWorkers: 2,
  },
});
