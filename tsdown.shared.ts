import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { UserConfig } from 'tsdown';

/**
 * Shared by every published package's tsdown.config.ts. The declarations are built without
 * declaration maps (they would point into `src/`, which is not published), but rolldown still
 * ends each `.d.ts`/`.d.cts` with a `//# sourceMappingURL=…d.ts.map` comment: it is removed
 * here, after each format's build, so no shipped file names a map that does not exist.
 * The JavaScript keeps its `.js.map`/`.cjs.map`, which embed their sources.
 */
export const publishedBuild = {
  dts: { sourcemap: false },
  sourcemap: true,
  hooks: {
    async 'build:done'(context) {
      const outDir = context.options.outDir;
      for (const file of await readdir(outDir, { recursive: true })) {
        if (!/\.d\.c?ts$/.test(file)) continue;
        const target = path.join(outDir, file);
        const code = await readFile(target, 'utf8');
        const stripped = code.replace(/\n\/\/# sourceMappingURL=\S+\.d\.c?ts\.map\s*$/, '\n');
        if (stripped !== code) await writeFile(target, stripped);
      }
    },
  },
} satisfies UserConfig;

/**
 * The build of a published package: ESM + CJS from `src/index.ts`, with `.js`/`.cjs` (and
 * `.d.ts`/`.d.cts`) names as each package.json's exports say, for Node unless told otherwise.
 * A package passes only what differs (more entries, `platform`, `define`).
 */
export function publishedPackage(overrides: UserConfig = {}): UserConfig {
  return { entry: ['src/index.ts'], format: ['esm', 'cjs'], ...publishedBuild, clean: true, platform: 'node', fixedExtension: false, ...overrides };
}
