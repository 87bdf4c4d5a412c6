import { defineConfig } from 'tsdown';
import { publishedBuild } from '../../tsdown.shared';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  ...publishedBuild,
  clean: true,
  platform: 'node',
  // `.js` + `.d.ts` for ESM, `.cjs` + `.d.cts` for CJS, as package.json's exports say.
  fixedExtension: false,
});
