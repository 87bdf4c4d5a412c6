import pg from 'pg';
import { afterAll } from 'vitest';
import { describeStoreConformance } from '@authkit/store-conformance';
import { createKeyRing, generateEncryptionKey } from '@authkit/core';
import { createPostgresStore } from '../src/index';
import { PG_URL, freshStore, prefixOf } from './helpers';

const keyRing = createKeyRing({ keys: [{ id: 'k1', secret: generateEncryptionKey() }] });
// The app's own pool: the store uses it and leaves it open.
const appPool = new pg.Pool({ connectionString: PG_URL, connectionTimeoutMillis: 2_000 });
afterAll(() => appPool.end());

// Lock TTLs in the expiry cases: a database round trip under a loaded CI machine can take
// longer than the suite's default 300 ms, and these cases sleep a third of it between steps.
const shortTtlMs = 1_000;

describeStoreConformance('PostgresStore (encrypted, connection string)', () => freshStore({ keyRing }, 'conf'), {
  shortTtlMs,
  twin: (store) => createPostgresStore({ connectionString: PG_URL, keyRing, tablePrefix: prefixOf(store) }),
});

describeStoreConformance(
  'PostgresStore (plaintext for local development, your pg.Pool, schema)',
  () => freshStore({ pool: appPool, schema: 'authkit_conformance', encryption: 'plaintext-for-local-development' } as never, 'plain'),
  { shortTtlMs },
);
