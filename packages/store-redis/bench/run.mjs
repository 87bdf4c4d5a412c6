// `pnpm --filter @authkit/store-redis bench`: bundles the TypeScript benchmark and its worker
// (workspace sources through the `@authkit/source` condition) and runs them with plain node.
// Needs Redis on 127.0.0.1:6379 (or AUTHKIT_TEST_REDIS_URL). Knobs: BENCH_STORM_RUNS (3),
// BENCH_KILL_TRIALS (10), BENCH_CONNECTIONS (100000), BENCH_SAMPLES (10000).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'tsdown';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const outDir = here('../node_modules/.cache/authkit-bench/');
mkdirSync(outDir, { recursive: true });

async function bundle(name, entry, external = []) {
  const isExternal = (id) => external.some((x) => id === x || id.startsWith(`${x}/`));
  await build({
    entry: { [name]: entry },
    format: 'esm',
    platform: 'node',
    outDir,
    dts: false,
    clean: false,
    sourcemap: false,
    config: false,
    logLevel: 'silent',
    fixedExtension: true,
    deps: { alwaysBundle: (id) => !isExternal(id), neverBundle: external },
    inputOptions: { resolve: { conditionNames: ['@authkit/source', 'node', 'import', 'default'] } },
  });
  return `${outDir}${name}.mjs`;
}

const worker = await bundle('storm-worker', here('../test/fixtures/storm-worker.ts'));
const bench = await bundle('bench', here('./bench.ts'), ['tsdown']);
const result = spawnSync(process.execPath, ['--expose-gc', bench], {
  stdio: 'inherit',
  env: { ...process.env, BENCH_WORKER: worker },
});
process.exit(result.status ?? 1);
