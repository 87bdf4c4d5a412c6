// Plain ESM (with bundle-worker.d.mts beside it) so that both TypeScript tests and plain-node
// launchers such as store-redis's bench/run.mjs use this one implementation.
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'tsdown';

/**
 * Bundles a TypeScript worker (and the workspace sources it imports through the
 * `@authkit/source` condition) into one ESM file that a plain `node` child process can run.
 * Multi-process tests need real processes, and Node 20 cannot run TypeScript itself.
 *
 * @param {string} entry
 * @param {string} outDir
 * @param {{ external?: readonly string[] }} [options]
 * @returns {Promise<string>}
 */
export async function bundleWorker(entry, outDir, options = {}) {
  const external = options.external ?? [];
  const isExternal = (/** @type {string} */ id) => external.some((name) => id === name || id.startsWith(`${name}/`));
  mkdirSync(outDir, { recursive: true });
  const name = basename(entry).replace(/\.ts$/, '');
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
    // Everything into the one file (the child resolves nothing from node_modules), except
    // what the caller names, e.g. the bundler itself for a benchmark that bundles workers.
    deps: { alwaysBundle: (id) => !isExternal(id), neverBundle: [...external] },
    inputOptions: { resolve: { conditionNames: ['@authkit/source', 'node', 'import', 'default'] } },
  });
  return join(outDir, `${name}.mjs`);
}
