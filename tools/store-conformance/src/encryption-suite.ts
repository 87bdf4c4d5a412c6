import { afterEach, describe, expect, it } from 'vitest';
import { PLAINTEXT_FOR_LOCAL_DEVELOPMENT, createKeyRing, generateEncryptionKey, isAuthKitError } from '@authkit/core';
import type { EncryptionKeyInput, ReencryptProgress, ReencryptingStore, StoreEncryptionOptions } from '@authkit/core';
import { makeRecord } from './fixtures';

/**
 * What the encryption suite needs from a durable store: how to open it and how to look at (and
 * damage) what its backend holds, below the store.
 */
export interface EncryptionHarness<S extends ReencryptingStore = ReencryptingStore> {
  /** A fresh, empty store protected as given (a key ring, or the plaintext opt-out). */
  open(encryption: StoreEncryptionOptions): S | Promise<S>;
  /** Another store over the same data as `store` (same directory, prefix, tables), protected as given. */
  reopen(store: S, encryption: StoreEncryptionOptions): S | Promise<S>;
  /** Calls the store's factory with neither a key ring nor the opt-out (it must throw). */
  openWithoutKeys(): unknown;
  /** Everything the backend holds for `store` as one string: what a copy of the disk or a dump shows. */
  raw(store: S): Promise<string>;
  /** The stored form of one connection, as the backend holds it. */
  readStored(store: S, id: string): Promise<string>;
  /** Replaces the stored form of one connection with `text` (to damage it). */
  writeStored(store: S, id: string, text: string): Promise<void>;
}

async function failure(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

function expectCode(error: unknown, code: string): void {
  expect(isAuthKitError(error) ? error.code : `non-AuthKit error: ${String(error)}`).toBe(code);
}

/** The key id a stored connection's sealed credential (a compact JWE) names in its header. */
function kidOf(stored: string): string {
  const { sealedCredential } = JSON.parse(stored) as { sealedCredential?: string };
  if (typeof sealedCredential !== 'string') throw new Error('the stored connection has no sealed credential');
  return (JSON.parse(Buffer.from(sealedCredential.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
}

const PLAINTEXT: StoreEncryptionOptions = { encryption: PLAINTEXT_FOR_LOCAL_DEVELOPMENT };
const ring = (...keys: EncryptionKeyInput[]): StoreEncryptionOptions => ({ keyRing: createKeyRing({ keys }) });

/**
 * Registers the encryption-at-rest tests every durable store runs: no start without a key ring
 * (unless plaintext is chosen), no secret in the backend in the clear (connections and pending
 * authorizations), `decryption_failed` without the secret for a wrong or missing key and for a
 * damaged record (get and list), and key rotation with `reencryptAll` (old records readable,
 * new writes under the newest key, versions unchanged, progress reported, a second run a no-op).
 */
export function describeStoreEncryption<S extends ReencryptingStore>(name: string, harness: EncryptionHarness<S>): void {
  describe(`${name}: encryption at rest`, () => {
    const k1 = { id: 'k1', secret: generateEncryptionKey() };
    const k2 = { id: 'k2', secret: generateEncryptionKey() };
    const opened: S[] = [];
    const track = async (store: S | Promise<S>): Promise<S> => {
      const s = await store;
      opened.push(s);
      return s;
    };
    const open = (encryption: StoreEncryptionOptions) => track(harness.open(encryption));
    const reopen = (store: S, encryption: StoreEncryptionOptions) => track(harness.reopen(store, encryption));
    const kidsOf = async (store: S, ids: string[]) => Promise.all(ids.map(async (id) => kidOf(await harness.readStored(store, id))));
    afterEach(async () => {
      for (const store of opened.splice(0).reverse()) await store.close?.();
    });

    it('refuses to start without a key ring unless plaintext is explicitly chosen', async () => {
      const error = await failure(() => harness.openWithoutKeys());
      expectCode(error, 'configuration_error');
      expect((error as Error).message).toMatch(/key ring/);
      expect(await (await open(PLAINTEXT)).list()).toEqual([]);
    });

    it('keeps no secret in the clear (connections and pending authorizations)', async () => {
      const store = await open(ring(k1));
      const record = makeRecord();
      await store.put(record, 0);
      await store.putEphemeral('auth:state-xyz', '{"codeVerifier":"VERIFIER-SECRET"}', 60_000);
      const everything = await harness.raw(store);
      if (record.credential.kind !== 'oauth2') throw new Error('kind');
      expect(everything).toContain(record.id);
      expect(everything).not.toContain(record.credential.accessToken.reveal());
      expect(everything).not.toContain(record.credential.refreshToken!.reveal());
      expect(everything).not.toContain('VERIFIER-SECRET');
      expect(everything).not.toContain('state-xyz');
      expect(everything).not.toContain(k1.secret);
    });

    it('a wrong or missing key gives decryption_failed (get and list), not garbage, and no secret in the message', async () => {
      const store = await open(ring(k1));
      const record = await store.put(makeRecord(), 0);
      if (record.credential.kind !== 'oauth2') throw new Error('kind');
      const secrets = [record.credential.accessToken.reveal(), record.credential.refreshToken!.reveal()];
      for (const encryption of [ring({ id: 'k1', secret: generateEncryptionKey() }), ring(k2), PLAINTEXT]) {
        const wrong = await reopen(store, encryption);
        for (const error of [await failure(() => wrong.get(record.id)), await failure(() => wrong.list())]) {
          expectCode(error, 'decryption_failed');
          for (const secret of secrets) expect((error as Error).message).not.toContain(secret);
        }
      }
    });

    it('rotates keys: old records stay readable, new writes use the newest key, reencryptAll moves the rest without moving versions', async () => {
      const before = await open(ring(k1));
      const records = [makeRecord(), makeRecord(), makeRecord()];
      for (const r of records) await before.put(r, 0);
      const ids = records.map((r) => r.id);
      expect(await kidsOf(before, ids)).toEqual(['k1', 'k1', 'k1']);

      const rotated = await reopen(before, ring(k1, k2));
      expect((await rotated.get(records[0]!.id))!.version).toBe(1);
      await rotated.put({ ...records[0]!, status: 'revoked' }, 1);
      expect(await kidsOf(before, ids)).toEqual(['k2', 'k1', 'k1']);

      const progress: ReencryptProgress[] = [];
      expect(await rotated.reencryptAll({ onProgress: (p) => progress.push(p) })).toEqual({ scanned: 3, reencrypted: 2 });
      expect(progress.map((p) => [p.scanned, p.total])).toEqual([[1, 3], [2, 3], [3, 3]]);
      expect(progress.at(-1)!.reencrypted).toBe(2);
      expect(await kidsOf(before, ids)).toEqual(['k2', 'k2', 'k2']);
      expect(await rotated.reencryptAll()).toEqual({ scanned: 3, reencrypted: 0 });

      // k1 can now be retired; versions did not move.
      const retired = await reopen(before, ring(k2));
      expect((await retired.list()).map((r) => r.version).sort()).toEqual([1, 1, 2]);
      expect((await retired.get(records[1]!.id))!.version).toBe(1);
      expect((await retired.get(records[0]!.id))!.status).toBe('revoked');
    });

    it('a damaged record gives decryption_failed (get and list), not a crash or garbage', async () => {
      const store = await open(ring(k1));
      const record = await store.put(makeRecord(), 0);
      const stored = await harness.readStored(store, record.id);
      const damaged = [
        stored.slice(0, 40), // cut short
        '{"format":1,"id":', // cut short, another way
        JSON.stringify({ format: 1, id: record.id }), // valid JSON but not a stored connection (fields missing)
      ];
      for (const text of damaged) {
        await harness.writeStored(store, record.id, text);
        expectCode(await failure(() => store.get(record.id)), 'decryption_failed');
        expectCode(await failure(() => store.list()), 'decryption_failed');
      }
    });
  });
}
