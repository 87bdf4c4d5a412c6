import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'tsdown';

/**
 * Bundles a TypeScript worker (and the workspace sources it imports through the
 * `@authkit/source` condition) into one ESM file that a plain `node` child process can run.
 * Multi-process tests need real processes, and Node 20 cannot run TypeScript itself.
 */
export async function bundleWorker(entry: string, outDir: string, options: { external?: readonly string[] } = {}): Promise<string> {
  const external = options.external ?? [];
  const isExternal = (id: string) => external.some((name) => id === name || id.startsWith(`${name}/`));
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
