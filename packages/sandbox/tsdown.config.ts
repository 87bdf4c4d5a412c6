import { defineConfig } from 'tsdown';
import { publishedPackage } from '../../tsdown.shared';

// index: the library; cli: the `authkit-sandbox` bin.
export default defineConfig(publishedPackage({ entry: ['src/index.ts', 'src/cli.ts'] }));
