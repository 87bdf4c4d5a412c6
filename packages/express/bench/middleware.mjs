// `pnpm bench`: a route behind requireConnection + AuthKit's signed client against the same
// route doing a plain fetch with fixed headers (bench/server.mjs, its own process), both
// calling the sandbox, loaded with autocannon in the same run. Rounds alternate the two
// routes back to back (and which goes first), so load from other processes on the machine
// hits both sides alike; the ratio is of the requests/s summed over all rounds, and the
// per-round ratios are printed to show the noise. Prints a ratio; never a pass/fail test.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const CONNECTIONS = 10;

const child = spawn(process.execPath, [fileURLToPath(new URL('./server.mjs', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
const base = await new Promise((resolve, reject) => {
  child.stdout.once('data', (chunk) => resolve(String(chunk).trim()));
  child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
});

try {
  for (const path of ['/bare', '/guarded']) {
    const check = await fetch(base + path);
    if (check.status !== 200) throw new Error(`${path} answered ${check.status}: ${await check.text()}`);
  }

  const measure = async (path) => {
    const result = await autocannon({ url: base + path, connections: CONNECTIONS, duration: DURATION_S });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return result.requests.average;
  };

  // Warm-up: JIT, keep-alive pools, the sandbox's token lookups.
  await measure('/bare');
  await measure('/guarded');

  const ratios = [];
  const totals = { bare: 0, guarded: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ['bare', 'guarded'] : ['guarded', 'bare'];
    const rps = {};
    for (const name of order) rps[name] = await measure(`/${name}`);
    totals.bare += rps.bare;
    totals.guarded += rps.guarded;
    ratios.push(rps.guarded / rps.bare);
  }
  const ratio = totals.guarded / totals.bare;
  console.log(
    `bare route: ${(totals.bare / ROUNDS).toFixed(0)} req/s; requireConnection + signed client: ${(totals.guarded / ROUNDS).toFixed(0)} req/s ` +
      `(${ROUNDS} rounds of ${DURATION_S} s, ${CONNECTIONS} connections; round ratios ${ratios.map((r) => r.toFixed(2)).join(' ')})`,
  );
  console.log(`express requireConnection route / bare route: ${ratio.toFixed(2)} (target >= 0.95)`);
} finally {
  child.kill('SIGTERM');
}
