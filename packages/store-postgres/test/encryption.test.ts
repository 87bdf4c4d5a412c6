import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyRing, generateEncryptionKey, isAuthKitError } from '@authkit/core';
import { makeRecord } from '@authkit/store-conformance';
import { createPostgresStore } from '../src/index';
import type { PostgresStore } from '../src/index';
import { PG_URL, freshStore, prefixOf } from './helpers';

const k1 = { id: 'k1', secret: generateEncryptionKey() };
const k2 = { id: 'k2', secret: generateEncryptionKey() };
const pool = new pg.Pool({ connectionString: PG_URL });
afterAll(() => pool.end());

/** Every row of the store's tables, as text: what someone with a database dump would see. */
async function everything(store: PostgresStore): Promise<string> {
  let out = '';
  for (const table of Object.values(store.tables)) out += JSON.stringify((await pool.query(`SELECT * FROM ${table}`)).rows);
  return out;
}

async function failure(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

async function kidOf(store: PostgresStore, id: string): Promise<string> {
  const { rows } = await pool.query<{ record: string }>(`SELECT record FROM ${store.tables.connections} WHERE id = $1`, [id]);
  const sealed = (JSON.parse(rows[0]!.record) as { sealedCredential: string }).sealedCredential;
  return (JSON.parse(Buffer.from(sealed.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
}

const reopen = (store: PostgresStore, keys: { id: string; secret: string }[]) =>
  createPostgresStore({ connectionString: PG_URL, tablePrefix: prefixOf(store), keyRing: createKeyRing({ keys }) });

describe('PostgresStore encryption at rest', () => {
  it('refuses to start without a key ring unless plaintext is explicitly chosen', async () => {
    const error = await failure(() => createPostgresStore({ connectionString: PG_URL } as never));
    expect(isAuthKitError(error) && error.code).toBe('configuration_error');
    expect((error as Error).message).toMatch(/key ring/);
  });

  it('sends no secret to PostgreSQL in the clear (connections and pending authorizations)', async () => {
    const store = await freshStore({ keyRing: createKeyRing({ keys: [k1] }) });
    const record = makeRecord();
    await store.put(record, 0);
    await store.putEphemeral('auth:state-abc', '{"codeVerifier":"VERIFIER-SECRET"}', 60_000);
    const dump = await everything(store);
    if (record.credential.kind !== 'oauth2') throw new Error('kind');
    expect(dump).toContain(record.id);
    expect(dump).not.toContain(record.credential.accessToken.reveal());
    expect(dump).not.toContain(record.credential.refreshToken!.reveal());
    expect(dump).not.toContain('VERIFIER-SECRET');
    expect(dump).not.toContain('state-abc');
    await store.close();
  });

  it('a wrong or missing key gives decryption_failed with no secret in the message', async () => {
    const store = await freshStore({ keyRing: createKeyRing({ keys: [k1] }) });
    const record = await store.put(makeRecord(), 0);
    for (const keys of [[{ id: 'k1', secret: generateEncryptionKey() }], [k2]]) {
      const wrong = reopen(store, keys);
      const error = await failure(() => wrong.get(record.id));
      expect(isAuthKitError(error) && error.code).toBe('decryption_failed');
      if (record.credential.kind !== 'oauth2') throw new Error('kind');
      expect((error as Error).message).not.toContain(record.credential.accessToken.reveal());
      const listError = await failure(() => wrong.list());
      expect(isAuthKitError(listError) && listError.code).toBe('decryption_failed');
      await wrong.close();
    }
    await store.close();
  });

  it('rotates keys and re-encrypts everything to the newest one without moving versions', async () => {
    const before = await freshStore({ keyRing: createKeyRing({ keys: [k1] }) });
    const records = [makeRecord(), makeRecord(), makeRecord()];
    for (const r of records) await before.put(r, 0);

    const rotated = reopen(before, [k1, k2]);
    expect((await rotated.get(records[0]!.id))!.version).toBe(1);
    await rotated.put({ ...records[0]!, status: 'revoked' }, 1);
    expect(await kidOf(before, records[0]!.id)).toBe('k2');
    expect(await kidOf(before, records[1]!.id)).toBe('k1');
    const progress: { scanned: number; reencrypted: number; total: number }[] = [];
    expect(await rotated.reencryptAll({ onProgress: (p) => progress.push(p) })).toEqual({ scanned: 3, reencrypted: 2 });
    expect(progress.map((p) => [p.scanned, p.total])).toEqual([[1, 3], [2, 3], [3, 3]]);
    expect(progress.at(-1)!.reencrypted).toBe(2);
    for (const r of records) expect(await kidOf(before, r.id)).toBe('k2');
    expect(await rotated.reencryptAll()).toEqual({ scanned: 3, reencrypted: 0 });
    await rotated.close();

    const retired = reopen(before, [k2]);
    expect((await retired.list()).map((r) => r.version).sort()).toEqual([1, 1, 2]);
    await retired.close();
    await before.close();
  });

  it('a damaged record gives decryption_failed, not a crash or garbage', async () => {
    const store = await freshStore({ keyRing: createKeyRing({ keys: [k1] }) });
    const record = await store.put(makeRecord(), 0);
    await pool.query(`UPDATE ${store.tables.connections} SET record = '{"format":1,"id":' WHERE id = $1`, [record.id]);
    const error = await failure(() => store.get(record.id));
    expect(isAuthKitError(error) && error.code).toBe('decryption_failed');
    const listError = await failure(() => store.list());
    expect(isAuthKitError(listError) && listError.code).toBe('decryption_failed');
    await store.close();
  });
});
