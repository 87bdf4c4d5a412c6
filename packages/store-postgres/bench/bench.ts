// The PostgreSQL store's benchmark (printed figures, not pass/fail): 100,000 encrypted
// connections in a database of its own (created and dropped here), bytes per connection in
// PostgreSQL, and p50/p99 of store.get and store.put against a raw primary-key SELECT of the
// same row, all sequential on loopback and measured in the same run. Run through bench/run.mjs.
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { Secret, createKeyRing, createRecordCodec, generateEncryptionKey } from '@authkit/core';
import type { ConnectionRecord } from '@authkit/core';
import { percentile } from '@authkit/store-conformance/storm-harness';
import { createPostgresStore } from '../src/index';

const ADMIN_URL = process.env.AUTHKIT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '100000');
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? '10000');
const ms = (value: number) => `${value.toFixed(3)} ms`;

function record(id: string): ConnectionRecord {
  const now = Date.now();
  return {
    id,
    providerId: 'plannr',
    ownerId: `owner-${id}`,
    status: 'active',
    version: 0,
    grant: 'authorization_code',
    credential: {
      kind: 'oauth2',
      accessToken: new Secret(randomUUID() + randomUUID()),
      refreshToken: new Secret(randomUUID() + randomUUID()),
      tokenType: 'Bearer',
      expiresAt: now + 3_600_000,
      refreshTokenExpiresAt: now + 180 * 86_400_000,
      scopes: ['*'],
    },
    metadata: { accountUuid: randomUUID() },
    createdAt: now,
    updatedAt: now,
    dueAt: now + Math.floor(Math.random() * 180 * 86_400_000),
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const database = `authkit_bench_${Math.floor(Date.now() / 1000)}_${process.pid}_${randomBytes(3).toString('hex')}`;
const url = new URL(ADMIN_URL);
url.pathname = `/${database}`;
await admin(`CREATE DATABASE "${database}"`);
const keyRing = createKeyRing({ keys: [{ id: 'k1', secret: generateEncryptionKey() }] });
const store = createPostgresStore({ connectionString: url.toString(), keyRing });
try {
  console.log(`# @authkit/store-postgres benchmark (node ${process.version}, PostgreSQL at ${url.host}, loopback)`);
  const { rows: version } = await store.pool.query<{ v: string }>('SELECT current_setting($$server_version$$) AS v');
  console.log(`PostgreSQL ${version[0]!.v}; ${CONNECTIONS.toLocaleString('en')} connections; ${SAMPLES.toLocaleString('en')} sequential samples per operation`);
  await store.migrate();

  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < CONNECTIONS) await store.put(record(`c${next++}`), 0);
    }),
  );
  const loadSeconds = (performance.now() - started) / 1000;
  await store.pool.query(`VACUUM ANALYZE ${store.tables.connections}`);
  const { rows: sizes } = await store.pool.query<{ total: string; heap: string; toast: string; indexes: string }>(
    `SELECT pg_total_relation_size($1::regclass) AS total, pg_relation_size($1::regclass) AS heap,
            pg_total_relation_size($1::regclass) - pg_relation_size($1::regclass) - pg_indexes_size($1::regclass) AS toast,
            pg_indexes_size($1::regclass) AS indexes`,
    [store.tables.connections],
  );
  const perRow = (bytes: string) => (Number(bytes) / CONNECTIONS).toFixed(0);
  const { rows: avg } = await store.pool.query<{ n: string }>(`SELECT avg(octet_length(record))::int AS n FROM ${store.tables.connections}`);
  console.log(`\nloaded in ${loadSeconds.toFixed(1)} s (${Math.round(CONNECTIONS / loadSeconds)} puts/s, 16 concurrent)`);
  console.log('| bytes per connection in PostgreSQL | |');
  console.log('|---|---|');
  console.log(`| total (table + TOAST + 3 indexes + primary key) | ${perRow(sizes[0]!.total)} |`);
  console.log(`| heap | ${perRow(sizes[0]!.heap)} |`);
  console.log(`| TOAST | ${perRow(sizes[0]!.toast)} |`);
  console.log(`| indexes (primary key, owner, provider, due) | ${perRow(sizes[0]!.indexes)} |`);
  console.log(`| the stored record itself (JSON with the sealed credential), average | ${avg[0]!.n} |`);

  // Same pool, same prepared-statement path as the store, no decode: the floor for a read.
  const raw = { name: 'bench_raw_select', text: `SELECT record FROM ${store.tables.connections} WHERE id = $1` };
  const codec = createRecordCodec({ keyRing });
  const pick = () => `c${Math.floor(Math.random() * CONNECTIONS)}`;
  const baseline: number[] = [];
  const reads: number[] = [];
  const writes: number[] = [];
  const encodes: number[] = [];
  const decodes: number[] = [];
  for (let i = 0; i < 1_000; i++) {
    const current = (await store.get(pick()))!;
    await store.pool.query({ ...raw, values: [pick()] });
    await store.put({ ...current, updatedAt: Date.now() }, current.version);
  }
  for (let i = 0; i < SAMPLES; i++) {
    let t = performance.now();
    await store.pool.query({ ...raw, values: [pick()] });
    baseline.push(performance.now() - t);
    t = performance.now();
    const current = (await store.get(pick()))!;
    reads.push(performance.now() - t);
    t = performance.now();
    await store.put({ ...current, updatedAt: Date.now() }, current.version);
    writes.push(performance.now() - t);
    t = performance.now();
    const encoded = await codec.encode(current);
    encodes.push(performance.now() - t);
    t = performance.now();
    await codec.decode(encoded);
    decodes.push(performance.now() - t);
  }
  const base50 = percentile(baseline, 50);
  const base99 = percentile(baseline, 99);
  console.log('\n| operation (sequential, loopback) | p50 | p99 | p50 vs raw | p99 vs raw |');
  console.log('|---|---|---|---|---|');
  const row = (name: string, values: number[]) =>
    console.log(`| ${name} | ${ms(percentile(values, 50))} | ${ms(percentile(values, 99))} | ${(percentile(values, 50) / base50).toFixed(1)}x | ${(percentile(values, 99) / base99).toFixed(1)}x |`);
  row('raw primary-key SELECT of the record (baseline)', baseline);
  row('store.get (SELECT + JSON parse + AES-GCM decrypt)', reads);
  row('store.put (encrypt + UPDATE … WHERE id AND version)', writes);
  row('  of which: record encode + encrypt (no I/O)', encodes);
  row('  of which: record decode + decrypt (no I/O)', decodes);
} finally {
  await store.close();
  await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}
process.exit(0);
