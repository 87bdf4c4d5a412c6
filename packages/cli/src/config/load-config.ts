import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AuthKitOptions } from '@authkit/core';
import { configurationError } from '../errors';

/**
 * Loads the user's `--config` module: an ES module (`.mjs`, or `.js` in a `"type": "module"`
 * package) whose default export is the options object of `createAuthKit` — or a function,
 * possibly async, returning it. Its `providers` are what refresh, verify and revocation need;
 * its `store`, if any, is used when no `--store` is given.
 *
 * @example
 * // authkit.config.mjs
 * import { providers } from '@authkit/core';
 * export default {
 *   providers: [providers.planday({ clientId: process.env.PLANDAY_CLIENT_ID })],
 * };
 */
export async function loadAuthKitConfig(path: string, cwd: string): Promise<AuthKitOptions> {
  const file = resolve(cwd, path);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw configurationError(`Config module ${file} does not exist`);
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (cause) {
    // The module is the user's own code: its error is theirs to read (a missing env var, a typo).
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    throw configurationError(`Config module ${file} failed to load: ${reason}`, cause);
  }
  const exported = typeof module.default === 'function' ? await (module.default as () => unknown)() : module.default;
  return checkOptions(exported, file);
}

function checkOptions(value: unknown, file: string): AuthKitOptions {
  if (typeof value !== 'object' || value === null) {
    throw configurationError(`Config module ${file} must default-export createAuthKit's options ({ providers: [...] }) or a function returning them`);
  }
  const providers = (value as { providers?: unknown }).providers;
  if (!Array.isArray(providers)) throw configurationError(`Config module ${file}: \`providers\` must be an array of providers (providers.plannr(...), …)`);
  providers.forEach((provider: unknown, index) => {
    if (typeof provider !== 'object' || provider === null || typeof (provider as { id?: unknown }).id !== 'string') {
      throw configurationError(`Config module ${file}: providers[${index}] is not a provider definition (build it with providers.<name>(...))`);
    }
  });
  return value as AuthKitOptions;
}
