import { createAuthKit } from '@authkit/core';
import type { AuthKit, AuthKitOptions, ConnectionStore } from '@authkit/core';
import { loadAuthKitConfig } from '../config/load-config';
import { configurationError } from '../errors';
import type { CliIO } from '../io';
import { storeEncryptionFromEnv } from '../keys/key-ring-env';
import { openStore } from '../store/open-store';
import { parseStoreUrl } from '../store/store-url';
import { STORE_ENV } from './options';

/** The options every store-backed command takes. */
export interface StoreCommandOptions {
  store?: string;
  config?: string;
  plaintextForLocalDevelopment?: true;
}

/** What a store-backed command runs with. */
export interface CommandContext {
  /** An AuthKit over the store, with the config's providers (none without `--config`). */
  authkit: AuthKit;
  store: ConnectionStore;
  /** The store for messages, credentials in its URL redacted. */
  storeDescription: string;
}

/**
 * Opens the store (and loads the config module, if any), runs `fn`, and closes the store
 * whatever happens, so a Redis client never keeps the process alive. `--store` wins over a
 * store the config module creates; that one is then closed unused.
 */
export async function withContext<T>(
  io: CliIO,
  options: StoreCommandOptions,
  requirement: { providersFor?: string },
  fn: (context: CommandContext) => Promise<T>,
): Promise<T> {
  const config: AuthKitOptions | undefined = options.config === undefined ? undefined : await loadAuthKitConfig(options.config, io.cwd);
  if (config === undefined && requirement.providersFor !== undefined) {
    throw configurationError(`${requirement.providersFor} needs the providers: pass --config <authkit.config.mjs> (createAuthKit's options)`);
  }
  let store: ConnectionStore;
  let storeDescription: string;
  if (options.store !== undefined) {
    const location = parseStoreUrl(options.store, io.cwd);
    const encryption = storeEncryptionFromEnv(io.env, options.plaintextForLocalDevelopment === true);
    ({ store, description: storeDescription } = await openStore(location, encryption));
    await config?.store?.close?.();
  } else if (config?.store !== undefined) {
    store = config.store;
    storeDescription = 'the store of the config module';
  } else {
    throw configurationError(`No store: pass --store <url> (or set ${STORE_ENV}), or give --config a module whose options include a store`);
  }
  try {
    const authkit = createAuthKit({ ...config, providers: config?.providers ?? [], store });
    return await fn({ authkit, store, storeDescription });
  } finally {
    await store.close?.();
  }
}
