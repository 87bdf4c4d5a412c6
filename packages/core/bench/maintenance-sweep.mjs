/* global performance */
// `pnpm bench`: one maintenance sweep over 100,000 connections of which 1,000 are due, through
// the store's due-time index, against the same sweep through a full scan (the same store with
// `listDue` hidden), in one run. The due work is a verify call to a loopback API. Prints sweep
// time, store operations and records read for both, and their ratios, then the time to find the
// due work alone (index against scan); never a pass/fail test.
import { createServer } from 'node:http';
import { createAuthKit, MemoryStore, providers, secret } from '../dist/index.js';

const TOTAL = Number(process.env.BENCH_CONNECTIONS ?? 100_000);
const DUE = Number(process.env.BENCH_DUE ?? 1_000);
const DAY = 86_400_000;
const SWEEP_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

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

/**
 * Finding the due work alone, without doing it (the sweeps above are mostly the 1,000 verify
 * calls): `listDue` on the index against listing every record and filtering, on one seeded
 * store, alternating which goes first; medians of the rounds.
 */
async function finding(rounds = 21) {
  const now = Date.now();
  const { inner } = countingStore(true);
  await seed(inner, now);
  const viaIndex = () => inner.listDue(now, DUE);
  const viaScan = async () => (await inner.list()).filter((record) => record.dueAt !== undefined && record.dueAt <= now).slice(0, DUE);
  const samples = { index: [], scan: [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['index', 'scan'] : ['scan', 'index'];
    for (const name of order) {
      const started = performance.now();
      const found = await (name === 'index' ? viaIndex() : viaScan());
      samples[name].push(performance.now() - started);
      if (found.length !== DUE) throw new Error(`${name} found ${found.length}, expected ${DUE}`);
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { index: median(samples.index), scan: median(samples.scan), rounds };
}

try {
  await sweep(true); // warm-up: JIT, sockets
  // The sweep measured first after a seeding pays more for collecting garbage: alternate which
  // goes first and keep each one's median round.
  const runs = { indexed: [], scanned: [] };
  for (let round = 0; round < SWEEP_ROUNDS; round++) {
    const order = round % 2 === 0 ? [true, false] : [false, true];
    for (const withIndex of order) (withIndex ? runs.indexed : runs.scanned).push(await sweep(withIndex));
  }
  const medianRun = (list) => [...list].sort((a, b) => a.ms - b.ms)[Math.floor(list.length / 2)];
  const indexed = medianRun(runs.indexed);
  const scanned = medianRun(runs.scanned);
  const row = (name, r) =>
    `${name.padEnd(22)} ${String(r.ms).padStart(6)} ms  ${String(r.operations).padStart(7)} store ops  ${String(r.recordsRead).padStart(7)} records read  (${r.verified} verified, ${r.failed} failed)`;
  console.log(`maintenance sweep: ${TOTAL.toLocaleString('en')} connections, ${DUE.toLocaleString('en')} due (each verified against a loopback API); median of ${SWEEP_ROUNDS} sweeps each, alternating`);
  console.log(row('due-time index', indexed));
  console.log(row('full scan', scanned));
  console.log(
    `index / full scan: time ${(indexed.ms / scanned.ms).toFixed(2)}, records read ${(indexed.recordsRead / scanned.recordsRead).toFixed(3)}, store ops ${(indexed.operations / scanned.operations).toFixed(2)}`,
  );
  const found = await finding();
  console.log(
    `finding the ${DUE.toLocaleString('en')} due connections alone (median of ${found.rounds}): index ${found.index.toFixed(2)} ms, full scan ${found.scan.toFixed(2)} ms (index / full scan ${(found.index / found.scan).toFixed(3)})`,
  );
} finally {
  api.close();
}
