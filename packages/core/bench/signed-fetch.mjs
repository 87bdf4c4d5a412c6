/* global performance, Buffer */
// Signed fetch vs plain fetch with the same fixed headers, against a loopback node:http server.
// Interleaved rounds so both see the same machine load. Run after `pnpm build` (uses dist).
import { createServer } from 'node:http';
import { createAuthKit, providers } from '@authkit/core';

const REQUESTS_PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 1500);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 16);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const BODY = JSON.stringify({ ok: true, items: [1, 2, 3] });

const server = createServer({ keepAlive: true }, (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) });
  res.end(BODY);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const authkit = createAuthKit({
  providers: [
    providers.oauth2({
      id: 'bench',
      baseUrl: base,
      clientId: 'bench-client',
      clientSecret: 'bench-secret',
      authorizationEndpoint: `${base}/authorize`,
      tokenEndpoint: `${base}/token`,
    }),
  ],
});
const connection = await authkit.saveTokenResponse({
  providerId: 'bench',
  ownerId: 'bench-user',
  tokens: { access_token: 'bench-access-token', token_type: 'Bearer', expires_in: 24 * 3600, refresh_token: 'bench-refresh' },
});
const client = authkit.client('bench', connection.id);
const fixedHeaders = { Authorization: 'Bearer bench-access-token' };

const signed = () => client.fetch('/items');
const plain = () => fetch(`${base}/items`, { headers: fixedHeaders, redirect: 'manual' });

/** One round: wall-clock and CPU throughput (CPU covers client and server, both in this process). */
async function round(call) {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    while (next < REQUESTS_PER_ROUND) {
      next++;
      const response = await call();
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`status ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const wallSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { wall: REQUESTS_PER_ROUND / wallSeconds, cpu: REQUESTS_PER_ROUND / cpuSeconds };
}

// The machine may be shared: compare each signed round with the plain round right next to
// it (alternating order) and report the median of those paired ratios.
await round(plain);
await round(signed);
const wallRatios = [];
const cpuRatios = [];
const plainRps = [];
const signedRps = [];
for (let i = 0; i < PAIRS; i++) {
  const [first, second] = i % 2 === 0 ? [plain, signed] : [signed, plain];
  const a = await round(first);
  const b = await round(second);
  const [p, s] = first === plain ? [a, b] : [b, a];
  plainRps.push(p.wall);
  signedRps.push(s.wall);
  wallRatios.push(s.wall / p.wall);
  cpuRatios.push(s.cpu / p.cpu);
}
const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
console.log(`plain fetch:  ${median(plainRps).toFixed(0)} req/s (median of ${PAIRS} rounds x ${REQUESTS_PER_ROUND}, concurrency ${CONCURRENCY}, loopback node:http)`);
console.log(`signed fetch: ${median(signedRps).toFixed(0)} req/s`);
console.log(`signed-fetch/plain-fetch throughput ratio: ${median(wallRatios).toFixed(3)} (target >= 0.97; median of paired rounds)`);
console.log(`signed-fetch/plain-fetch CPU-time throughput ratio: ${median(cpuRatios).toFixed(3)} (requests per CPU-second, client+server)`);
server.closeAllConnections();
server.close();
