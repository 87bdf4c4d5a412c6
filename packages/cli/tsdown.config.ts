import { defineConfig } from 'tsdown';
import { publishedPackage } from '../../tsdown.shared';
import pkg from './package.json' with { type: 'json' };

export default defineConfig(
  publishedPackage({
    // index: the programmatic API; cli: the `authkit` bin (ESM, with its shebang kept).
    entry: ['src/index.ts', 'src/cli.ts'],
    // `authkit --version` reports the published version without reading package.json at run time.
    define: { __AUTHKIT_CLI_VERSION__: JSON.stringify(pkg.version) },
  }),
);
