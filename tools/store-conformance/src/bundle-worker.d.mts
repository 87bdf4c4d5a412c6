/**
 * Bundles a TypeScript worker (and the workspace sources it imports through the
 * `@authkit/source` condition) into one ESM file that a plain `node` child process can run.
 * Resolves to the bundled file's path.
 */
export declare function bundleWorker(entry: string, outDir: string, options?: { external?: readonly string[] }): Promise<string>;
