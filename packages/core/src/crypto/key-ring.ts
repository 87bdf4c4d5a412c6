import { CompactEncrypt, base64url, compactDecrypt, decodeProtectedHeader } from 'jose';
import { AuthKitError } from '../errors';

/** One encryption key: an id (stored beside every ciphertext) and 32 random bytes, base64url. */
export interface EncryptionKeyInput {
  id: string;
  /** 32 random bytes, base64url-encoded (see {@link generateEncryptionKey}). */
  secret: string;
}

/** Options of {@link createKeyRing}. */
export interface KeyRingOptions {
  /** Every key that may still decrypt stored data, oldest first. */
  keys: readonly EncryptionKeyInput[];
  /** Id of the key new writes use. Default: the last key in `keys`. */
  current?: string;
}

/**
 * A set of AES-256-GCM keys. New data is sealed with the current key; data sealed with any
 * other key of the ring still opens, so keys can rotate without a migration window.
 */
export interface KeyRing {
  readonly currentKeyId: string;
  readonly keyIds: readonly string[];
  /**
   * Seals `plaintext` as a compact JWE (`dir` + `A256GCM`, `kid` header). `context` is bound
   * into the authenticated header, so a ciphertext copied onto another record will not open.
   */
  encrypt(plaintext: string, context: string): Promise<string>;
  /** Opens a value sealed by {@link KeyRing.encrypt}; `decryption_failed` on any mismatch. */
  decrypt(sealed: string, context: string): Promise<string>;
  /** The key id a sealed value names, without decrypting it; undefined if unreadable. */
  keyIdOf(sealed: string): string | undefined;
}

const KEY_BYTES = 32;
const ALG = 'dir';
const ENC = 'A256GCM';

/** 32 random bytes from Web Crypto, base64url-encoded: a new key for {@link createKeyRing}. */
export function generateEncryptionKey(): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(KEY_BYTES)));
}

function decodeKey(input: EncryptionKeyInput): Uint8Array {
  if (typeof input.id !== 'string' || input.id.length === 0) {
    throw new AuthKitError('configuration_error', 'Every encryption key needs a non-empty string id');
  }
  let bytes: Uint8Array;
  try {
    bytes = base64url.decode(input.secret);
  } catch {
    // The value itself is never echoed: it is (almost) a key.
    throw new AuthKitError('configuration_error', `Encryption key '${input.id}' is not valid base64url`);
  }
  if (bytes.length !== KEY_BYTES) {
    throw new AuthKitError(
      'configuration_error',
      `Encryption key '${input.id}' must be ${KEY_BYTES} bytes (base64url), got ${bytes.length}`,
    );
  }
  return bytes;
}

/**
 * Builds a {@link KeyRing}. Throws `configuration_error` for an empty ring, a duplicate id, a
 * key that is not 32 bytes of base64url, or a `current` id that is not in the ring.
 */
export function createKeyRing(options: KeyRingOptions): KeyRing {
  if (!options || !Array.isArray(options.keys) || options.keys.length === 0) {
    throw new AuthKitError('configuration_error', 'A key ring needs at least one key');
  }
  const keys = new Map<string, Uint8Array>();
  for (const input of options.keys) {
    if (keys.has(input.id)) {
      throw new AuthKitError('configuration_error', `Encryption key id '${input.id}' appears twice in the key ring`);
    }
    keys.set(input.id, decodeKey(input));
  }
  const currentKeyId = options.current ?? options.keys[options.keys.length - 1]!.id;
  const currentKey = keys.get(currentKeyId);
  if (!currentKey) {
    throw new AuthKitError('configuration_error', `Current encryption key '${currentKeyId}' is not in the key ring`);
  }
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  // Imported once per key: importing raw bytes on every encrypt was most of a store write.
  const imported = new Map<string, Promise<CryptoKey>>();
  const cryptoKey = (id: string, bytes: Uint8Array): Promise<CryptoKey> => {
    let key = imported.get(id);
    if (key === undefined) {
      key = crypto.subtle.importKey('raw', bytes as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt']);
      imported.set(id, key);
    }
    return key;
  };

  function keyIdOf(sealed: string): string | undefined {
    try {
      const header = decodeProtectedHeader(sealed);
      return typeof header.kid === 'string' ? header.kid : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    currentKeyId,
    keyIds: [...keys.keys()],
    keyIdOf,
    async encrypt(plaintext, context) {
      return new CompactEncrypt(encoder.encode(plaintext))
        .setProtectedHeader({ alg: ALG, enc: ENC, kid: currentKeyId, ctx: context })
        .encrypt(await cryptoKey(currentKeyId, currentKey));
    },
    async decrypt(sealed, context) {
      const kid = keyIdOf(sealed);
      if (kid === undefined) {
        throw new AuthKitError('decryption_failed', 'Stored value is not an AuthKit ciphertext (no readable key id)');
      }
      const key = keys.get(kid);
      if (!key) {
        throw new AuthKitError(
          'decryption_failed',
          `Stored value was encrypted with key '${kid}', which is not in the key ring (known: ${[...keys.keys()].join(', ')})`,
        );
      }
      let result: Awaited<ReturnType<typeof compactDecrypt>>;
      try {
        result = await compactDecrypt(sealed, await cryptoKey(kid, key), {
          keyManagementAlgorithms: [ALG],
          contentEncryptionAlgorithms: [ENC],
        });
      } catch (cause) {
        throw new AuthKitError(
          'decryption_failed',
          `Stored value could not be decrypted with key '${kid}': wrong key material for that id, or the data was altered`,
          { cause },
        );
      }
      if (result.protectedHeader.ctx !== context) {
        throw new AuthKitError('decryption_failed', 'Stored value belongs to a different record (context mismatch)');
      }
      return decoder.decode(result.plaintext);
    },
  };
}
