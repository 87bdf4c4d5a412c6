import { createHash, randomBytes } from 'node:crypto';
import type { KeyRing } from '@authkit/core';

/** Contexts (connections) whose last seal is remembered; the oldest is forgotten first. */
const DEFAULT_ENTRIES = 10_000;
/** How core's record codec names a connection's context (`connection:<id>`). */
const CONNECTION_CONTEXT = 'connection:';

/**
 * A key ring that skips re-encrypting a value it has just decrypted or encrypted for the same
 * context under the current key, and hands back that ciphertext instead. Most writes of a
 * connection change its status, health or due time, not its credential; sealing the same
 * credential again is most of a `put` (AES-GCM through Web Crypto, a thread-pool hop). The
 * ciphertext is the same message under the same key and context, so reusing it reveals
 * nothing a new one would not. Plaintexts are not kept: only a salted SHA-256 of each.
 */
export function withSealingCache(keyRing: KeyRing, entries = DEFAULT_ENTRIES): KeyRing {
  const salt = randomBytes(16);
  const seals = new Map<string, { digest: string; sealed: string; keyId: string | undefined }>();
  const digestOf = (plaintext: string) => createHash('sha256').update(salt).update(plaintext).digest('base64');
  const remember = (context: string, plaintext: string, sealed: string) => {
    // Only connection credentials are sealed again and again; one-time values never are.
    if (!context.startsWith(CONNECTION_CONTEXT)) return;
    seals.delete(context);
    seals.set(context, { digest: digestOf(plaintext), sealed, keyId: keyRing.keyIdOf(sealed) });
    if (seals.size > entries) seals.delete(seals.keys().next().value!);
  };
  return {
    currentKeyId: keyRing.currentKeyId,
    keyIds: keyRing.keyIds,
    keyIdOf: (sealed) => keyRing.keyIdOf(sealed),
    async encrypt(plaintext, context) {
      const known = seals.get(context);
      if (known !== undefined && known.keyId === keyRing.currentKeyId && known.digest === digestOf(plaintext)) {
        return known.sealed;
      }
      const sealed = await keyRing.encrypt(plaintext, context);
      remember(context, plaintext, sealed);
      return sealed;
    },
    async decrypt(sealed, context) {
      const plaintext = await keyRing.decrypt(sealed, context);
      remember(context, plaintext, sealed);
      return plaintext;
    },
  };
}
