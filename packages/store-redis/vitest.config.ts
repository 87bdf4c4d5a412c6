import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared';

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    // Starts the local Redis Cluster the cluster tests use, and stops it after the run.
    test: { globalSetup: ['./test/global-setup.ts'] },
  }),
);
