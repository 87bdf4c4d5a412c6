import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared';

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    // Creates the run's database before any test file and drops it after the last one.
    test: { globalSetup: ['./test/global-setup.ts'] },
  }),
);
