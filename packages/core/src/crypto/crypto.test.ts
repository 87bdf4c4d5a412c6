import { describe, expect, it } from 'vitest';
import type { ConnectionRecord } from '../connection';
import { isAuthKitError } from '../errors';
import { Secret } from '../secret';
import { createKeyRing, createRecordCodec, generateEncryptionKey, parseEncryptionKeys } from './index';

const k1 = { id: 'k1', secret: generateEncryptionKey() };
const k2 = { id: 'k2', secret: generateEncryptionKey() };

const record: ConnectionRecord = {
  id: 'plannr:user-1',
  providerId: 'plannr',
  ownerId: 'user-1',
  status: 'active',
  version: 3,
  grant: 'authorization_code',
  credential: {
    kind: 'oauth2',
    accessToken: new Secret('access-SECRET-1'),
    refreshToken: new Secret('refresh-SECRET-1'),
    tokenType: 'Bearer',
    expiresAt: 1_700_000_000_000,
    scopes: ['*'],
  },
  metadata: { accountUuid: 'acc-1' },
  createdAt: 1,
  updatedAt: 2,
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('key ring', () => {
  it('round-trips and names the current key in the ciphertext', async () => {
    const ring = createKeyRing({ keys: [k1] });
    const sealed = await ring.encrypt('hello', 'ctx');
    expect(sealed).not.toContain('hello');
    expect(ring.keyIdOf(sealed)).toBe('k1');
    expect(await ring.decrypt(sealed, 'ctx')).toBe('hello');
  });

  it('keeps old keys readable after rotation and seals new data with the newest key', async () => {
    const old = createKeyRing({ keys: [k1] });
    const sealedOld = await old.encrypt('v1', 'ctx');
    const rotated = createKeyRing({ keys: [k1, k2] });
    expect(rotated.currentKeyId).toBe('k2');
    expect(await rotated.decrypt(sealedOld, 'ctx')).toBe('v1');
    expect(rotated.keyIdOf(await rotated.encrypt('v2', 'ctx'))).toBe('k2');
    expect(createKeyRing({ keys: [k1, k2], current: 'k1' }).currentKeyId).toBe('k1');
  });

  it('fails clearly, without the secret, on a wrong key, a missing key, a swapped context or tampering', async () => {
    const sealed = await createKeyRing({ keys: [k1] }).encrypt('top-secret-value', 'ctx');
    const wrongMaterial = createKeyRing({ keys: [{ id: 'k1', secret: generateEncryptionKey() }] });
    const missing = createKeyRing({ keys: [k2] });
    const right = createKeyRing({ keys: [k1] });
    const tampered = sealed.slice(0, -3) + (sealed.endsWith('AAA') ? 'BBB' : 'AAA');
    for (const attempt of [
      () => wrongMaterial.decrypt(sealed, 'ctx'),
      () => missing.decrypt(sealed, 'ctx'),
      () => right.decrypt(sealed, 'other-ctx'),
      () => right.decrypt(tampered, 'ctx'),
      () => right.decrypt('not a jwe', 'ctx'),
    ]) {
      const error = await rejection(attempt());
      expect(isAuthKitError(error) && error.code).toBe('decryption_failed');
      expect(String((error as Error).message)).not.toContain('top-secret-value');
      expect(String((error as Error).message)).not.toContain(k1.secret);
    }
  });

  it('rejects bad configuration without echoing key material', () => {
    expect(() => createKeyRing({ keys: [] })).toThrow(/at least one key/);
    expect(() => createKeyRing({ keys: [{ id: 'a', secret: 'c2hvcnQ' }] })).toThrow(/32 bytes/);
    expect(() => createKeyRing({ keys: [k1, { ...k2, id: 'k1' }] })).toThrow(/twice/);
    expect(() => createKeyRing({ keys: [k1], current: 'nope' })).toThrow(/not in the key ring/);
  });
});

describe('record codec', () => {
  it('refuses to exist without a key ring or the explicit plaintext opt-out', () => {
    const error = (() => {
      try {
        createRecordCodec(undefined, 'The file store');
      } catch (e) {
        return e;
      }
    })();
    expect(isAuthKitError(error) && error.code).toBe('configuration_error');
    expect(createRecordCodec({ encryption: 'plaintext-for-local-development' }).encrypted).toBe(false);
  });

  it('encrypts every secret field and rebuilds Secrets on decode', async () => {
    const codec = createRecordCodec({ keyRing: createKeyRing({ keys: [k1] }) });
    const stored = await codec.encode(record);
    const json = JSON.stringify(stored);
    expect(json).not.toContain('access-SECRET-1');
    expect(json).not.toContain('refresh-SECRET-1');
    expect(stored.providerId).toBe('plannr');
    const decoded = await codec.decode(JSON.parse(json));
    expect(decoded.credential.kind).toBe('oauth2');
    if (decoded.credential.kind !== 'oauth2') throw new Error('kind');
    expect(decoded.credential.accessToken).toBeInstanceOf(Secret);
    expect(decoded.credential.accessToken.reveal()).toBe('access-SECRET-1');
    expect(decoded.credential.refreshToken?.reveal()).toBe('refresh-SECRET-1');
    expect({ ...decoded, credential: undefined }).toEqual({ ...record, credential: undefined });
  });

  it('will not open a credential moved onto another record', async () => {
    const codec = createRecordCodec({ keyRing: createKeyRing({ keys: [k1] }) });
    const stored = await codec.encode(record);
    const error = await rejection(codec.decode({ ...stored, id: 'plannr:attacker' }));
    expect(isAuthKitError(error) && error.code).toBe('decryption_failed');
  });

  it('reports which records need re-encryption after rotation', async () => {
    const before = createRecordCodec({ keyRing: createKeyRing({ keys: [k1] }) });
    const after = createRecordCodec({ keyRing: createKeyRing({ keys: [k1, k2] }) });
    const stored = await before.encode(record);
    expect(after.needsReencryption(stored)).toBe(true);
    expect(after.needsReencryption(await after.encode(await after.decode(stored)))).toBe(false);
  });

  it('mixing plaintext and encrypted data is a clear error', async () => {
    const plain = createRecordCodec({ encryption: 'plaintext-for-local-development' });
    const sealed = createRecordCodec({ keyRing: createKeyRing({ keys: [k1] }) });
    const a = await rejection(sealed.decode(await plain.encode(record)));
    const b = await rejection(plain.decode(await sealed.encode(record)));
    const c = await rejection(plain.openValue(await sealed.sealValue('verifier', 's'), 's'));
    for (const error of [a, b, c]) expect(isAuthKitError(error) && error.code).toBe('decryption_failed');
    expect(await sealed.openValue(await sealed.sealValue('verifier', 's'), 's')).toBe('verifier');
  });
});

describe('the key ring as text (AUTHKIT_ENCRYPTION_KEY)', () => {
  it('reads id:key entries oldest first, and a bare key as k<position>', () => {
    const a = generateEncryptionKey();
    const b = generateEncryptionKey();
    expect(parseEncryptionKeys(` 2026-01:${a} , 2026-06:${b}`)).toEqual([
      { id: '2026-01', secret: a },
      { id: '2026-06', secret: b },
    ]);
    expect(parseEncryptionKeys(a)).toEqual([{ id: 'k1', secret: a }]);
  });

  it('refuses empty values, entries and ids with configuration_error, never quoting a key', () => {
    const a = generateEncryptionKey();
    for (const value of [' , ', `k1:${a},,k2:${a}`, `:${a}`]) {
      let error: unknown;
      try {
        parseEncryptionKeys(value);
      } catch (caught) {
        error = caught;
      }
      expect(isAuthKitError(error) && error.code).toBe('configuration_error');
      expect((error as Error).message).not.toContain(a);
    }
  });
});
