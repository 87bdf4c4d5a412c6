import { defineConfig } from 'tsdown';

// The demo ships as one ESM file; workspace packages stay external and load from their dist.
export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  platform: 'node',
  fixedExtension: false,
});
