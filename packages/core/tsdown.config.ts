import { defineConfig } from 'tsdown';
import { publishedPackage } from '../../tsdown.shared';

// Web-standard core (neutral platform), plus the Node request/response helpers under ./node.
export default defineConfig(publishedPackage({ entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' }, platform: 'neutral' }));
