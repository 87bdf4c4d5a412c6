#!/usr/bin/env node
/**
 * Size budget of a package's bundle with its dependencies: the built ESM entry bundled with
 * everything it imports (jose, oauth4webapi, …; optional peers and `node:` builtins left out),
 * minified, then gzipped — what an app's bundle grows by when it imports the package. Prints
 * the figure and fails when it is over the budget. Run from the package directory, after the
 * build:
 *
 *   node ../../tools/release/size-budget.mjs dist/index.js --max-kb 32
 */
import { Buffer } from 'node:buffer';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'max-kb': { type: 'string' } } });
const entry = positionals[0];
const maxKb = Number(values['max-kb']);
if (entry === undefined || !Number.isFinite(maxKb)) {
  console.error('usage: size-budget.mjs <built entry> --max-kb <gzipped KB>');
  process.exit(2);
}

// rolldown comes with tsdown (the workspace's bundler); no extra dependency.
const requireFromTsdown = createRequire(createRequire(import.meta.url).resolve('tsdown'));
const { rolldown } = await import(requireFromTsdown.resolve('rolldown'));

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const optionalPeers = Object.keys(manifest.peerDependenciesMeta ?? {}).filter((name) => manifest.peerDependenciesMeta[name].optional);
const bundle = await rolldown({
  input: path.resolve(entry),
  platform: 'neutral',
  resolve: { conditionNames: ['import', 'default'], mainFields: ['module', 'main'] },
  external: (id) => id.startsWith('node:') || optionalPeers.some((name) => id === name || id.startsWith(`${name}/`)),
  logLevel: 'silent',
});
const { output } = await bundle.generate({ format: 'esm', minify: true });
await bundle.close();

const code = output.filter((chunk) => chunk.type === 'chunk').map((chunk) => chunk.code).join('\n');
const minified = Buffer.byteLength(code);
const gzipped = gzipSync(code, { level: 9 }).length;
const kb = (bytes) => (bytes / 1024).toFixed(1);
const line = `${manifest.name} bundle with dependencies: ${kb(minified)} KB minified, ${kb(gzipped)} KB gzipped (budget ${maxKb} KB gzipped)`;
if (gzipped > maxKb * 1024) {
  console.error(`${line}: OVER BUDGET by ${kb(gzipped - maxKb * 1024)} KB`);
  process.exit(1);
}
console.log(line);
