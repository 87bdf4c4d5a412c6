import { createKeyRing, parseEncryptionKeys, PLAINTEXT_FOR_LOCAL_DEVELOPMENT } from '@authkit/core';
import type { KeyRing, StoreEncryptionOptions } from '@authkit/core';
import { configurationError } from '../errors';

/** The environment variable that holds the key ring. */
export const ENCRYPTION_KEY_ENV = 'AUTHKIT_ENCRYPTION_KEY';

/** The key ring AUTHKIT_ENCRYPTION_KEY describes, or undefined when it is not set. */
export function keyRingFromEnv(env: Readonly<Record<string, string | undefined>>): KeyRing | undefined {
  const value = env[ENCRYPTION_KEY_ENV];
  if (value === undefined || value.trim() === '') return undefined;
  return createKeyRing({ keys: parseEncryptionKeys(value) });
}

/**
 * How to open a store: the key ring from AUTHKIT_ENCRYPTION_KEY, or plaintext when the user
 * explicitly asked for it. Neither is a configuration error, as it is for the stores themselves.
 */
export function storeEncryptionFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  plaintextForLocalDevelopment: boolean,
): StoreEncryptionOptions {
  const keyRing = keyRingFromEnv(env);
  if (keyRing !== undefined && plaintextForLocalDevelopment) {
    throw configurationError(`Give either ${ENCRYPTION_KEY_ENV} or --plaintext-for-local-development, not both`);
  }
  if (keyRing !== undefined) return { keyRing };
  if (plaintextForLocalDevelopment) return { encryption: PLAINTEXT_FOR_LOCAL_DEVELOPMENT };
  throw configurationError(
    `Set ${ENCRYPTION_KEY_ENV} (id:key entries, comma-separated, oldest first; see authkit keys generate), ` +
      'or pass --plaintext-for-local-development for a store that was written without encryption',
  );
}
