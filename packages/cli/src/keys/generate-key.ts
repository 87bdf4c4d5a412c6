import { randomBytes } from 'node:crypto';
import { generateEncryptionKey } from '@authkit/core';
import { configurationError } from '../errors';

/** A new key, in the form AUTHKIT_ENCRYPTION_KEY reads. */
export interface GeneratedKey {
  id: string;
  /** 32 random bytes, base64url. */
  key: string;
  /** `id:key`, ready to append to AUTHKIT_ENCRYPTION_KEY. */
  entry: string;
}

/** `2026-11-29-3f9a`: sorts by creation date, and two keys made the same day still differ. */
export function defaultKeyId(now: Date = new Date()): string {
  return `${now.toISOString().slice(0, 10)}-${randomBytes(2).toString('hex')}`;
}

/** Makes a key with core's {@link generateEncryptionKey}; the id may not break the `id:key,…` format. */
export function generateKeyEntry(id: string = defaultKeyId()): GeneratedKey {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(id)) {
    throw configurationError('A key id is 1-64 letters, digits, dots, dashes or underscores');
  }
  const key = generateEncryptionKey();
  return { id, key, entry: `${id}:${key}` };
}
