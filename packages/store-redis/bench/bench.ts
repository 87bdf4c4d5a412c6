// The Redis store's benchmarks (not pass/fail): the multi-process refresh storm, SIGKILL of
// the lock holder mid-refresh repeated N times, and 100,000 connections in Redis with where a
// put's time goes, part by part, against a raw GET measured in the same run.
// Run through bench/run.mjs, which bundles this file.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { Secret, createKeyRing, generateEncryptionKey } from '@authkit/core';
import type { ConnectionRecord } from '@authkit/core';
import { createRedisStore } from '../src/index';
import { REDIS_URL, deletePrefix, uniquePrefix } from '../test/helpers';
import { percentile, sleep, startStormHarness, waitFor } from '../test/support/multi-process';
import { printTimings, putBreakdown } from './put-breakdown';
import type { WorkerReport } from '../test/support/multi-process';

const script = process.env.BENCH_WORKER!;
const STORM_RUNS = Number(process.env.BENCH_STORM_RUNS ?? '3');
const KILL_TRIALS = Number(process.env.BENCH_KILL_TRIALS ?? '10');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? '100000');
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? '10000');

const ms = (value: number) => `${value.toFixed(Math.abs(value) < 10 ? 2 : 1)} ms`;

async function storm(): Promise<void> {
  console.log(`\n## Refresh storm: 4 processes x 1,000 concurrent calls on one expired Plannr connection (${STORM_RUNS} runs)`);
  console.log('| run | token requests | failed calls | invalid_grant | p99 storm | p99 fresh token (baseline) | p99 added |');
  console.log('|---|---|---|---|---|---|---|');
  for (let run = 1; run <= STORM_RUNS; run++) {
    const h = await startStormHarness({ timeoutMs: 5_000, script });
    try {
      const workers = await Promise.all([1, 2, 3, 4].map(() => h.startWorker({ calls: 1_000, baseline: true })));
      // Same 4 x 1,000 calls on a connection whose token is fresh, after a warm-up round.
      const baselines = await Promise.all(workers.map((w) => w.baseline()));
      const refreshesBefore = h.refreshCount();
      for (const w of workers) w.go();
      const reports = (await Promise.all(workers.map((w) => w.done))).filter((r): r is WorkerReport => r !== undefined);
      const stormLatencies = reports.flatMap((r) => r.storm.latencies);
      const baseLatencies = baselines.flatMap((r) => r.latencies);
      const failed = reports.reduce((n, r) => n + r.storm.failed, 0) + (4 - reports.length) * 1_000;
      const invalidGrant = h.sandbox.requests.filter((r) => r.endpointKey === 'plannr.token' && r.status === 400).length;
      const p99s = percentile(stormLatencies, 99);
      const p99b = percentile(baseLatencies, 99);
      console.log(`| ${run} | ${h.refreshCount() - refreshesBefore} | ${failed} | ${invalidGrant} | ${ms(p99s)} | ${ms(p99b)} | ${ms(p99s - p99b)} |`);
    } finally {
      await h.close();
    }
  }
}

async function killTrials(): Promise<void> {
  console.log(`\n## SIGKILL of the lock holder mid-refresh (${KILL_TRIALS} trials)`);
  console.log('Token endpoint answers after 1,500 ms; the holder is killed at a random moment 0-2,000 ms after');
  console.log('its request reached the server, so some kills land after the server rotated the refresh token.');
  let lost = 0;
  let killedBeforeAnswer = 0;
  let failedCalls = 0;
  for (let trial = 1; trial <= KILL_TRIALS; trial++) {
    const h = await startStormHarness({ timeoutMs: 2_000, script });
    try {
      h.sandbox.faults.inject('plannr.token', { kind: 'latency', latencyMs: 1_500, times: 1 });
      const victim = await h.startWorker({ calls: 1 });
      const others = await Promise.all([1, 2, 3].map(() => h.startWorker({ calls: 100 })));
      victim.go();
      await waitFor(async () => (await h.redis.exists(h.lockKey)) === 1 && h.refreshCount() === 1, 10_000);
      const arrived = Date.now();
      for (const w of others) w.go();
      await sleep(Math.random() * 2_000);
      const killedAfter = Date.now() - arrived;
      const answered = h.sandbox.requests.some((r) => r.endpointKey === 'plannr.token' && r.status !== 0);
      if (!answered) killedBeforeAnswer += 1;
      victim.child.kill('SIGKILL');
      const reports = await Promise.all(others.map((w) => w.done));
      failedCalls += reports.reduce((n, r) => n + (r ? r.storm.failed : 100), 0);
      const usable = (await h.store.get(h.connection.id))?.status === 'active' &&
        (await h.authkit.client('plannr', h.connection.id).fetch('/api/v1/contacts').then((r) => r.status === 200, () => false));
      if (!usable) lost += 1;
      console.log(`trial ${trial}: killed ${killedAfter} ms after the request arrived, ${answered ? 'after' : 'before'} the server answered; connection ${usable ? 'usable' : 'LOST'}`);
    } finally {
      await h.close();
    }
  }
  console.log(`\nLost the connection in ${lost} of ${KILL_TRIALS} trials (${killedBeforeAnswer} kills before the server answered); failed calls in the surviving processes: ${failedCalls}.`);
}

function record(id: string): ConnectionRecord {
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
      expiresAt: Date.now() + 3_600_000,
      refreshTokenExpiresAt: Date.now() + 180 * 86_400_000,
      scopes: ['*'],
    },
    metadata: { accountUuid: randomUUID() },
    createdAt: Date.now(),
    updatedAt: Date.now(),
  };
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

async function manyConnections(): Promise<void> {
  console.log(`\n## ${CONNECTIONS.toLocaleString('en')} connections in the Redis store (loopback)`);
  const prefix = uniquePrefix('bench100k');
  const keyRing = createKeyRing({ keys: [{ id: 'k1', secret: generateEncryptionKey() }] });
  const store = createRedisStore({ redis: REDIS_URL, prefix, keyRing });
  const raw = new Redis(REDIS_URL);
  try {
    const redisBefore = Number(/used_memory:(\d+)/.exec(await raw.info('memory'))?.[1] ?? 0);
    const heapBefore = heapUsed();
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < CONNECTIONS) {
          await store.put({ ...record(`c${next}`), dueAt: Date.now() + (next++ % 1_000) * 60_000 }, 0);
        }
      }),
    );
    const loadSeconds = (performance.now() - started) / 1000;
    const heapAfter = heapUsed();
    const redisAfter = Number(/used_memory:(\d+)/.exec(await raw.info('memory'))?.[1] ?? 0);

    const pick = () => `c${Math.floor(Math.random() * CONNECTIONS)}`;
    await raw.set(`${prefix}baseline`, 'x'.repeat(600));
    console.log(`loaded ${CONNECTIONS.toLocaleString('en')} encrypted connections in ${loadSeconds.toFixed(1)} s (${Math.round(CONNECTIONS / loadSeconds)} writes/s, 64 concurrent)`);
    console.log(`memory per idle connection in this process: ${((heapAfter - heapBefore) / CONNECTIONS).toFixed(1)} bytes of JS heap (the sealing cache holds at most 10,000 digests)`);
    console.log(`memory per connection in Redis: ${((redisAfter - redisBefore) / CONNECTIONS).toFixed(0)} bytes (used_memory delta: record hash + 3 index entries + due entry)`);
    const timings = await putBreakdown({
      redis: raw,
      keyRing,
      baselineKey: `${prefix}baseline`,
      samples: SAMPLES,
      record: async () => (await store.get(pick()))!,
      operations: [
        { name: 'store.get (HGET + AES-GCM decrypt)', run: (r) => store.get(r.id) },
        // Most writes: status, health, due time. The credential is unchanged, so its seal is reused.
        {
          name: 'store.put, credential unchanged (seal reused + one EVALSHA)',
          prepare: async (r) => (await store.get(r.id))!,
          run: (r) => store.put({ ...r, updatedAt: Date.now(), dueAt: Date.now() }, r.version),
        },
        // A refresh: a new credential must be sealed.
        {
          name: 'store.put, new credential (encrypt + one EVALSHA)',
          prepare: async (r) => ({ ...(await store.get(r.id))!, credential: record(r.id).credential }),
          run: (r) => store.put({ ...r, updatedAt: Date.now() }, r.version),
        },
      ],
    });
    printTimings('Where a store operation spends its time (each part timed alone, interleaved sample by sample):', timings);
  } finally {
    await store.close();
    raw.disconnect();
    await deletePrefix(prefix);
  }
}

// host:port only, as the postgres bench prints it: the URL may carry a password.
console.log(`# @authkit/store-redis benchmarks (node ${process.version}, Redis at ${new URL(REDIS_URL).host})`);
// A knob set to 0 skips its part.
if (STORM_RUNS > 0) await storm();
if (KILL_TRIALS > 0) await killTrials();
if (CONNECTIONS > 0) await manyConnections();
process.exit(0);
