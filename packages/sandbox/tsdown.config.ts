import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  platform: 'node',
  // package.json points at dist/index.js (ESM, "type": "module") and dist/index.cjs.
  fixedExtension: false,
});
