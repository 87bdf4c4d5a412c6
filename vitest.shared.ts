import { defineConfig } from 'vitest/config';

/**
 * Shared Vitest settings. The `@authkit/source` export condition makes workspace packages
 * resolve to their TypeScript sources, so tests run before anything is built.
 */
export const sharedVitestConfig = defineConfig({
  resolve: { conditions: ['@authkit/source'] },
  ssr: { resolve: { conditions: ['@authkit/source'] } },
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
  },
});
