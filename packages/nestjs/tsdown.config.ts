import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  platform: 'node',
  // `.js` + `.d.ts` for ESM, `.cjs` + `.d.cts` for CJS, as package.json's exports say.
  fixedExtension: false,
});
