// `pnpm --filter @authkit/store-redis bench`: bundles the TypeScript benchmark and its worker
// (workspace sources through the `@authkit/source` condition) and runs them with plain node.
// Needs Redis on 127.0.0.1:6379 (or AUTHKIT_TEST_REDIS_URL). Knobs: BENCH_STORM_RUNS (3),
// BENCH_KILL_TRIALS (10), BENCH_CONNECTIONS (100000), BENCH_SAMPLES (10000).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundleWorker } from '@authkit/store-conformance/bundle-worker';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const outDir = here('../node_modules/.cache/authkit-bench/');

const worker = await bundleWorker(here('../test/fixtures/storm-worker.ts'), outDir);
// The benchmark reuses the multi-process support, which bundles at run time: tsdown stays external.
const bench = await bundleWorker(here('./bench.ts'), outDir, { external: ['tsdown'] });
const result = spawnSync(process.execPath, ['--expose-gc', bench], {
  stdio: 'inherit',
  env: { ...process.env, BENCH_WORKER: worker },
});
process.exit(result.status ?? 1);
