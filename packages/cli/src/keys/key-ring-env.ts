import { createKeyRing, PLAINTEXT_FOR_LOCAL_DEVELOPMENT } from '@authkit/core';
import type { EncryptionKeyInput, KeyRing, StoreEncryptionOptions } from '@authkit/core';
import { configurationError } from '../errors';

/** The environment variable that holds the key ring. */
export const ENCRYPTION_KEY_ENV = 'AUTHKIT_ENCRYPTION_KEY';

/**
 * Parses the key ring's text form, as the demos read it from AUTHKIT_ENCRYPTION_KEY:
 * `id:base64urlKey` entries separated by commas, oldest first; the last one encrypts new
 * writes. A bare key without `id:` gets the id `k<position>` (`k1` for the first), the
 * demos' shorthand for a single key. Ids may not contain `:` or `,`.
 *
 * Only the shape is checked here; {@link createKeyRing} checks each key's length and that ids
 * are unique. No error message contains a key.
 */
export function parseEncryptionKeys(value: string): EncryptionKeyInput[] {
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.every((entry) => entry.length === 0)) throw configurationError(`${ENCRYPTION_KEY_ENV} is empty`);
  return entries.map((entry, index) => {
    if (entry.length === 0) throw configurationError(`${ENCRYPTION_KEY_ENV} has an empty entry at position ${index + 1}`);
    const colon = entry.indexOf(':');
    if (colon === -1) return { id: `k${index + 1}`, secret: entry };
    const id = entry.slice(0, colon).trim();
    if (id.length === 0) throw configurationError(`${ENCRYPTION_KEY_ENV} entry ${index + 1} has an empty key id before ':'`);
    return { id, secret: entry.slice(colon + 1).trim() };
  });
}

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
