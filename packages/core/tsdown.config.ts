import { defineConfig } from 'tsdown';
import { publishedBuild } from '../../tsdown.shared';

export default defineConfig({
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  ...publishedBuild,
  clean: true,
  platform: 'neutral',
});
