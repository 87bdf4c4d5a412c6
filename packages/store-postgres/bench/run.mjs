// `pnpm --filter @authkit/store-postgres bench`: bundles the TypeScript benchmark (workspace
// sources through the `@authkit/source` condition) and runs it with plain node. Needs
// PostgreSQL on 127.0.0.1:5432 (or AUTHKIT_TEST_PG_URL, a role that may create databases).
// Knobs: BENCH_CONNECTIONS (100000), BENCH_SAMPLES (10000).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundleWorker } from '@authkit/store-conformance/bundle-worker';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
// pg's CommonJS does not survive bundling into one ESM file; it loads from node_modules.
const bench = await bundleWorker(here('./bench.ts'), here('../node_modules/.cache/authkit-bench/'), { external: ['pg'] });
const result = spawnSync(process.execPath, ['--expose-gc', bench], { stdio: 'inherit', env: process.env });
process.exit(result.status ?? 1);
