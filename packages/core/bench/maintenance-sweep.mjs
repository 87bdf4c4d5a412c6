// `pnpm bench`: one maintenance sweep over 100,000 connections of which 1,000 are due, through
// the store's due-time index, against the same sweep through a full scan (the same store with
// `listDue` hidden), in one run. The due work is a verify call to a loopback API. Prints sweep
// time, store operations and records read for both, and their ratios; never a pass/fail test.
import { createServer } from 'node:http';
import { createAuthKit, MemoryStore, providers, secret } from '../dist/index.js';

const TOTAL = Number(process.env.BENCH_CONNECTIONS ?? 100_000);
const DUE = Number(process.env.BENCH_DUE ?? 1_000);
const DAY = 86_400_000;

const api = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
await new Promise((resolve) => api.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${api.address().port}`;
const provider = providers.apiKey({ id: 'keyed', baseUrl, verify: { path: '/me' } });

/** The store with every operation counted; `withIndex: false` hides listDue (the full-scan baseline). */
function countingStore(withIndex) {
  const inner = new MemoryStore();
  const counts = { operations: 0, recordsRead: 0 };
  const store = {
    get: async (id) => (counts.operations++, counts.recordsRead++, inner.get(id)),
    put: (record, version) => (counts.operations++, inner.put(record, version)),
    delete: (id) => (counts.operations++, inner.delete(id)),
    list: async (filter) => {
      counts.operations++;
      const records = await inner.list(filter);
      counts.recordsRead += records.length;
      return records;
    },
    lock: (key, options) => (counts.operations++, inner.lock(key, options)),
    putEphemeral: (...args) => inner.putEphemeral(...args),
    takeEphemeral: (key) => inner.takeEphemeral(key),
    ...(withIndex
      ? {
          listDue: async (now, limit) => {
            counts.operations++;
            const records = await inner.listDue(now, limit);
            counts.recordsRead += records.length;
            return records;
          },
        }
      : {}),
  };
  return { store, inner, counts };
}

async function seed(inner, now) {
  for (let i = 0; i < TOTAL; i++) {
    const due = i % Math.floor(TOTAL / DUE) === 0 && i / Math.floor(TOTAL / DUE) < DUE;
    await inner.put(
      {
        id: `keyed:owner-${i}`,
        providerId: 'keyed',
        ownerId: `owner-${i}`,
        status: 'active',
        version: 0,
        grant: 'static',
        credential: { kind: 'api_key', key: secret(`key-${i}`) },
        metadata: {},
        createdAt: now - 2 * DAY,
        updatedAt: now - 2 * DAY,
        verifiedAt: due ? now - 2 * DAY : now,
        dueAt: due ? now - DAY : now + DAY,
      },
      0,
    );
  }
}

async function sweep(withIndex) {
  const now = Date.now();
  const { store, inner, counts } = countingStore(withIndex);
  await seed(inner, now);
  const authkit = createAuthKit({ providers: [provider], store, telemetry: false, maintenance: { concurrency: 8, batchSize: DUE } });
  counts.operations = 0;
  counts.recordsRead = 0;
  const report = await authkit.runMaintenance();
  // Any failure is a loopback hiccup recorded on the connection; it is printed, not hidden.
  if (report.due !== DUE) throw new Error(`expected ${DUE} due, got ${JSON.stringify(report)}`);
  return { ms: report.durationMs, verified: report.verified, failed: report.failed, ...counts };
}

try {
  await sweep(true); // warm-up: JIT, sockets
  const indexed = await sweep(true);
  const scanned = await sweep(false);
  const row = (name, r) =>
    `${name.padEnd(22)} ${String(r.ms).padStart(6)} ms  ${String(r.operations).padStart(7)} store ops  ${String(r.recordsRead).padStart(7)} records read  (${r.verified} verified, ${r.failed} failed)`;
  console.log(`maintenance sweep: ${TOTAL.toLocaleString('en')} connections, ${DUE.toLocaleString('en')} due (each verified against a loopback API)`);
  console.log(row('due-time index', indexed));
  console.log(row('full scan', scanned));
  console.log(
    `index / full scan: time ${(indexed.ms / scanned.ms).toFixed(2)}, records read ${(indexed.recordsRead / scanned.recordsRead).toFixed(3)}, store ops ${(indexed.operations / scanned.operations).toFixed(2)}`,
  );
} finally {
  api.close();
}
