import { defineConfig } from 'tsdown';
import { publishedBuild } from '../../tsdown.shared';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  ...publishedBuild,
  clean: true,
  platform: 'node',
  // Keep .js/.cjs names, matching package.json's exports.
  fixedExtension: false,
});
