import { defineConfig } from 'tsdown';
import { publishedBuild } from '../../tsdown.shared';
import pkg from './package.json' with { type: 'json' };

export default defineConfig({
  // index: the programmatic API; cli: the `authkit` bin (ESM, with its shebang kept).
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  ...publishedBuild,
  clean: true,
  platform: 'node',
  // `authkit --version` reports the published version without reading package.json at run time.
  define: { __AUTHKIT_CLI_VERSION__: JSON.stringify(pkg.version) },
  // Keep .js/.cjs names, matching package.json's exports and bin.
  fixedExtension: false,
});
