import { describe, expect, it } from 'vitest';
import { createKeyRing, generateEncryptionKey, isAuthKitError } from '@authkit/core';
import { generateKeyEntry } from '../src/keys/generate-key';
import { parseEncryptionKeys } from '@authkit/core';
import { keyRingFromEnv, storeEncryptionFromEnv } from '../src/keys/key-ring-env';

function failure(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('AUTHKIT_ENCRYPTION_KEY', () => {
  const a = generateEncryptionKey();
  const b = generateEncryptionKey();

  it('reads id:key entries, oldest first, the last one encrypting (the demos’ format)', () => {
    expect(parseEncryptionKeys(`2026-01:${a}, 2026-06:${b}`)).toEqual([
      { id: '2026-01', secret: a },
      { id: '2026-06', secret: b },
    ]);
    const ring = keyRingFromEnv({ AUTHKIT_ENCRYPTION_KEY: `2026-01:${a},2026-06:${b}` })!;
    expect(ring.keyIds).toEqual(['2026-01', '2026-06']);
    expect(ring.currentKeyId).toBe('2026-06');
  });

  it('reads a bare key as k1, as the demos do', () => {
    expect(parseEncryptionKeys(a)).toEqual([{ id: 'k1', secret: a }]);
  });

  it('reads what `keys generate` prints', () => {
    const generated = generateKeyEntry('next');
    expect(keyRingFromEnv({ AUTHKIT_ENCRYPTION_KEY: `old:${a},${generated.entry}` })!.currentKeyId).toBe('next');
    expect(() => createKeyRing({ keys: [{ id: generated.id, secret: generated.key }] })).not.toThrow();
    expect(generateKeyEntry().id).toMatch(/^\d{4}-\d{2}-\d{2}-[0-9a-f]{4}$/);
    expect(failure(() => generateKeyEntry('a:b')).message).toContain('key id');
  });

  it('rejects empty entries, empty ids, duplicate ids and short keys without showing a key', () => {
    const short = 'c2hvcnQ';
    for (const value of [`k1:${a},,k2:${b}`, `:${a}`, `k1:${a},k1:${b}`, `k1:${short}`, ' , ']) {
      const error = failure(() => keyRingFromEnv({ AUTHKIT_ENCRYPTION_KEY: value }) ?? parseEncryptionKeys(value));
      expect(isAuthKitError(error) || (error as { code?: string }).code === 'configuration_error').toBe(true);
      expect(error.message).not.toContain(a);
      expect(error.message).not.toContain(b);
      expect(error.message).not.toContain(short);
    }
  });

  it('opens a store with the ring, or plaintext only when asked — never both, never neither', () => {
    expect(storeEncryptionFromEnv({ AUTHKIT_ENCRYPTION_KEY: `k1:${a}` }, false).keyRing?.currentKeyId).toBe('k1');
    expect(storeEncryptionFromEnv({}, true)).toEqual({ encryption: 'plaintext-for-local-development' });
    expect(failure(() => storeEncryptionFromEnv({}, false)).message).toContain('AUTHKIT_ENCRYPTION_KEY');
    expect(failure(() => storeEncryptionFromEnv({ AUTHKIT_ENCRYPTION_KEY: `k1:${a}` }, true)).message).toContain('not both');
  });
});
