// Sandbox load check: throughput of the Planday token endpoint (a real refresh: client lookup,
// token store, JSON) against a bare node:http baseline measured in the same run, then a burst
// of 10,000 concurrent connections — the refresh-storm benchmark's load. Servers run in child
// processes. Needs `pnpm build` first. Usage: pnpm --filter @authkit/sandbox bench
import autocannon from 'autocannon';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const DURATION = Number(process.env.BENCH_DURATION ?? 3);
const serverScript = fileURLToPath(new URL('./server.mjs', import.meta.url));

function run(opts) {
  return new Promise((resolve, reject) => autocannon(opts, (error, result) => (error ? reject(error) : resolve(result))));
}

async function start(mode) {
  const child = fork(serverScript, [mode], { stdio: 'inherit' });
  const [info] = await once(child, 'message');
  return { child, ...info };
}

async function ask(child, message) {
  child.send(message);
  const [reply] = await once(child, 'message');
  return reply;
}

const headers = { 'content-type': 'application/x-www-form-urlencoded' };
const sandbox = await start('sandbox');
const baseline = await start('baseline');
const common = { method: 'POST', headers, body: sandbox.body, connections: 100, duration: DURATION };

const base = await run({ ...common, url: baseline.url });
const sbx = await run({ ...common, url: sandbox.url });
console.log(`token endpoint, 100 connections, ${DURATION}s each (same run)`);
console.log(`  baseline (fixed JSON)   ${Math.round(base.requests.average)} req/s  p99 ${base.latency.p99} ms`);
console.log(`  sandbox (real refresh)  ${Math.round(sbx.requests.average)} req/s  p99 ${sbx.latency.p99} ms`);
console.log(`  ratio sandbox/baseline  ${(sbx.requests.average / base.requests.average).toFixed(2)}`);

// Let requests still in flight from the timed run land before counting the burst.
await new Promise((resolve) => setTimeout(resolve, 1000));
sandbox.child.send('reset');
const burst = await run({ method: 'POST', headers, body: sandbox.body, connections: 10_000, amount: 10_000, url: sandbox.url, timeout: 30 });
const { count } = await ask(sandbox.child, 'count');
console.log(`burst: 10,000 concurrent connections → ${burst['2xx']} ok, ${burst.non2xx} non-2xx, ${burst.errors} errors, ${burst.timeouts} timeouts; sandbox counted ${count} refreshes`);

sandbox.child.kill();
baseline.child.kill();
process.exit(burst['2xx'] === 10_000 && burst.errors === 0 ? 0 : 1);
