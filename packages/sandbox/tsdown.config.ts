import { defineConfig } from 'tsdown';
import { publishedBuild } from '../../tsdown.shared';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  ...publishedBuild,
  clean: true,
  platform: 'node',
  // package.json points at dist/index.js (ESM, "type": "module") and dist/index.cjs.
  fixedExtension: false,
});
