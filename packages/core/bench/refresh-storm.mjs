/* global performance, Response, Headers */
// 10,000 concurrent calls on one expired Plannr connection against the sandbox, with latency
// injected at the token endpoint. Prints token requests made (target 1), failures (target 0)
// and the p99 latency the refresh added, next to the token endpoint's own latency.
import { Worker } from 'node:worker_threads';
import { createAuthKit, providers } from '@authkit/core';
import { DEMO_CLIENTS } from '@authkit/sandbox';

const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);
const TOKEN_LATENCY_MS = Number(process.env.BENCH_TOKEN_LATENCY_MS ?? 200);
// Bounded sockets (both ends live in this process); the bound applies to both runs alike.
const MAX_IN_FLIGHT = Number(process.env.BENCH_MAX_IN_FLIGHT ?? 512);

// The sandbox runs on a worker thread (its own event loop), driven by messages.
const worker = new Worker(new URL('./sandbox-worker.mjs', import.meta.url));
await new Promise((resolve) => worker.once('message', resolve));
let nextId = 0;
const pending = new Map();
worker.on('message', ({ id, result, error }) => {
  const entry = pending.get(id);
  pending.delete(id);
  if (error) entry?.reject(new Error(error));
  else entry?.resolve(result);
});
const call = (op, ...args) =>
  new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, op, args });
  });
const info = await call('info');
// Both threads read the same wall clock; the sandbox clock is that plus the offset we advance.
let clockOffset = info.now - Date.now();
const sandboxNow = () => Date.now() + clockOffset;
const advance = async (ms) => {
  clockOffset += ms;
  await call('advance', ms);
};
await call('setRateLimit', 'plannrPerMinute', 10_000_000);
const redirectUri = 'http://127.0.0.1:9/callback';
await call('addRedirectUri', 'plannr', DEMO_CLIENTS.plannr.clientId, redirectUri);
const sandbox = { endpoints: info.endpoints };

let active = 0;
const waiting = [];
const tokenTimings = [];
/** performance.now() when the (last) token request left and when its response was read. */
const tokenWindow = { start: NaN, end: NaN };
/** When AuthKit handed each call's API request to fetch, by call index (before any socket queueing). */
let dispatchedAt = new Map();
const tokenEndpoint = sandbox.endpoints.plannr.tokenEndpoint;
async function boundedFetch(input, init) {
  const call = init?.headers instanceof Headers ? init.headers.get('x-bench-call') : null;
  if (call !== null) dispatchedAt.set(Number(call), performance.now());
  if (active >= MAX_IN_FLIGHT) await new Promise((resolve) => waiting.push(resolve));
  active++;
  const started = performance.now();
  if (String(input) === tokenEndpoint) tokenWindow.start = started;
  try {
    const response = await fetch(input, init);
    const body = await response.arrayBuffer();
    if (String(input) === tokenEndpoint) {
      tokenWindow.end = performance.now();
      tokenTimings.push(tokenWindow.end - started);
    }
    return new Response(body, { status: response.status, headers: response.headers });
  } finally {
    active--;
    waiting.shift()?.();
  }
}

const authkit = createAuthKit({
  providers: [providers.plannr({ ...sandbox.endpoints.plannr, ...DEMO_CLIENTS.plannr, redirectUri })],
  now: sandboxNow,
  fetch: boundedFetch,
});
const { url } = await authkit.startAuthorization({ providerId: 'plannr', ownerId: 'bench-user' });
const callback = (await fetch(url, { redirect: 'manual' })).headers.get('location');
const { connection } = await authkit.completeAuthorization({ providerId: 'plannr', ownerId: 'bench-user', callback });
const client = authkit.client('plannr', connection.id);

/**
 * Latency AuthKit adds before a call's request leaves for the API (getting a usable token,
 * refreshing if needed); the shared socket queue after that is the same in every run.
 */
async function storm() {
  dispatchedAt = new Map();
  let failures = 0;
  const batchStart = performance.now();
  await Promise.all(
    Array.from({ length: CALLS }, async (_, i) => {
      try {
        const response = await client.fetch('/api/v1/contacts', { headers: { 'x-bench-call': String(i) } });
        await response.arrayBuffer();
        if (response.status !== 200) failures++;
      } catch {
        failures++;
      }
    }),
  );
  const p99 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)];
  // Measured from the moment the batch was launched, so both runs include the same cost of
  // starting 10,000 calls on one thread; what differs is the wait for the refresh.
  const sinceBatch = Array.from({ length: CALLS }, (_, i) => (dispatchedAt.get(i) ?? NaN) - batchStart);
  const dispatches = [...dispatchedAt.values()].sort((a, b) => a - b);
  return {
    failures,
    p99: p99(sinceBatch),
    tokenLeftAfter: tokenWindow.start - batchStart,
    firstUseAfterToken: (dispatches[0] ?? NaN) - tokenWindow.end,
    fanOut: (dispatches.at(-1) ?? NaN) - (dispatches[0] ?? NaN),
  };
}

await storm(); // warm-up on a fresh token: sockets, JIT
const baseline = await storm(); // fresh token: no refresh
const record = await authkit.readConnectionRecord(connection.id);
await advance(record.credential.expiresAt - sandboxNow() + 1_000);
await call('resetStats');
await call('inject', 'plannr.token', { kind: 'latency', latencyMs: TOKEN_LATENCY_MS, times: 1 });
const result = await storm();
const tokenRequests = await call('count', 'plannr.token', { grantType: 'refresh_token' });
const tokenLatency = tokenTimings.at(-1) ?? NaN;

console.log(`refresh storm: ${CALLS} concurrent calls on one expired connection (token endpoint latency injected: ${TOKEN_LATENCY_MS} ms)`);
console.log(`token requests made: ${tokenRequests} (target 1)`);
console.log(`failures: ${result.failures} (target 0)`);
const added = result.p99 - baseline.p99;
console.log(`p99 time from launching the ${CALLS} calls until a call's request is handed to fetch: ${result.p99.toFixed(1)} ms with the refresh, ${baseline.p99.toFixed(1)} ms with a fresh token`);
console.log(`p99 added latency: ${added.toFixed(1)} ms vs token endpoint's own latency ${tokenLatency.toFixed(1)} ms (ratio ${(added / tokenLatency).toFixed(2)}, ideal ~1.0)`);
console.log(
  `  breakdown: the token request left ${result.tokenLeftAfter.toFixed(1)} ms after the launch (the ${CALLS} calls start on one thread first); ` +
    `the first call used the new token ${result.firstUseAfterToken.toFixed(1)} ms after the token response (persisted first); ` +
    `handing all ${CALLS} waiting calls to fetch took ${result.fanOut.toFixed(1)} ms`,
);
await call('close');
await worker.terminate();
