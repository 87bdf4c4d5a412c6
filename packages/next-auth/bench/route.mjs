// `pnpm bench`: a route that finds the signed-in user from the next-auth session cookie (as
// getAuthKitClient does) and calls Planday through the signed client, against the same route
// with a plain fetch and fixed headers, and against getServerSession + a plain fetch. Both call the sandbox's Planday API; autocannon
// measures them in the same run, interleaved so drift hits both alike. Prints a ratio; it is
// never a pass/fail test. Runs against the built packages (dist).
import { createServer } from 'node:http';
import autocannon from 'autocannon';
import { createAuthKit, providers } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import { createAuthKitNext, ownerIdFromCookies, withAuthKit } from '@authkit/next-auth';
import { AsyncLocalStorage } from 'node:async_hooks';
import { getServerSession } from 'next-auth/next';
import { encode } from 'next-auth/jwt';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5); // shorter rounds are mostly noise on 2 cores
const CONNECTIONS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const SECRET = 'bench-secret-0123456789abcdef0123456789';
const OWNER = 'planday:bench-admin';

const sandbox = await startSandbox({ port: 0 });
// Planday's real limits (10/s per portal) would turn this into a 429 benchmark.
Object.assign(sandbox.settings.rateLimits, { plandayPortalPerSecond: 1e9, plandayPortalPerMinute: 1e9, plandayClientPerSecond: 1e9, plandayClientPerMinute: 1e9 });
const authkit = createAuthKit({
  providers: [providers.planday({ ...DEMO_CLIENTS.planday, ...sandbox.endpoints.planday, scopes: ['department:read'] })],
});
const portal = sandbox.planday.createPortal({ name: 'Bench portal' });
const { refreshToken } = sandbox.planday.mintRefreshToken({ portalId: portal.portalId, clientId: DEMO_CLIENTS.planday.clientId });
const connection = await authkit.connectRefreshToken({ providerId: 'planday', ownerId: OWNER, refreshToken });
const accessToken = (await authkit.readConnectionRecord(connection.id)).credential.accessToken.reveal();
const apiUrl = `${sandbox.endpoints.planday.baseUrl}/hr/v1/Departments`;

const authOptions = withAuthKit({ secret: SECRET, providers: [] }, authkit);
const cookie = `next-auth.session-token=${await encode({
  secret: SECRET,
  token: { sub: OWNER, authkit: { ownerId: OWNER, connections: [{ connectionId: connection.id, providerId: 'planday', status: 'active' }] } },
})}`;

// Next's request scope (what `cookies()` reads), stood in for by AsyncLocalStorage.
const requestCookies = new AsyncLocalStorage();
const next = createAuthKitNext(authkit, { authOptions, getOwnerId: () => ownerIdFromCookies(authOptions, requestCookies.getStore()) });

function parseCookies(header = '') {
  return Object.fromEntries(header.split(';').filter(Boolean).map((part) => part.trim().split(/=(.*)/s).slice(0, 2)));
}

const shim = { getHeader: () => undefined, setHeader: () => undefined };
const server = createServer(async (req, res) => {
  try {
    let response;
    if (req.url === '/bare') {
      response = await fetch(apiUrl, { headers: { authorization: `Bearer ${accessToken}`, 'x-clientid': DEMO_CLIENTS.planday.clientId, accept: 'application/json' } });
    } else if (req.url === '/guarded') {
      // What getAuthKitClient does in the App Router by default: decrypt the session cookie's
      // JWT for its `sub` (ownerIdFromCookies), here with the request's cookies instead of next/headers.
      const client = await requestCookies.run(parseCookies(req.headers.cookie), () => next.getAuthKitClient('planday'));
      response = await client.fetch('hr/v1/Departments');
    } else if (req.url === '/session-bare') {
      // For comparison: next-auth's full session read (decrypt, callbacks, re-encrypt) with a plain fetch.
      req.cookies = parseCookies(req.headers.cookie);
      if (!(await getServerSession(req, shim, authOptions))) throw new Error('no session');
      response = await fetch(apiUrl, { headers: { authorization: `Bearer ${accessToken}`, 'x-clientid': DEMO_CLIENTS.planday.clientId, accept: 'application/json' } });
    } else {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(response.status, { 'content-type': 'application/json' }).end(await response.text());
  } catch {
    res.writeHead(500).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
process.env.NEXTAUTH_URL = base;

for (const path of ['/bare', '/session-bare', '/guarded']) {
  const check = await fetch(base + path, { headers: { cookie } });
  if (check.status !== 200) throw new Error(`${path} answered ${check.status}`);
}

async function measure(path) {
  const result = await autocannon({ url: base + path, connections: CONNECTIONS, duration: DURATION_S, headers: { cookie } });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

// Warm both paths up (JIT, connection pools), then alternate which one goes first.
await autocannon({ url: `${base}/bare`, connections: CONNECTIONS, duration: 1, headers: { cookie } });
await autocannon({ url: `${base}/guarded`, connections: CONNECTIONS, duration: 1, headers: { cookie } });
const totals = { bare: 0, 'session-bare': 0, guarded: 0 };
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? ['bare', 'session-bare', 'guarded'] : ['guarded', 'session-bare', 'bare'];
  for (const name of order) totals[name] += await measure(`/${name}`);
}
const bare = totals.bare / ROUNDS;
const sessionBare = totals['session-bare'] / ROUNDS;
const guarded = totals.guarded / ROUNDS;
console.log(`bare route (plain fetch, fixed headers): ${bare.toFixed(0)} req/s`);
console.log(`getServerSession + plain fetch: ${sessionBare.toFixed(0)} req/s`);
console.log(`getAuthKitClient route (session cookie + signed client): ${guarded.toFixed(0)} req/s`);
console.log(`next-auth getAuthKitClient route / bare route: ${(guarded / bare).toFixed(2)} (target >= 0.95)`);
console.log(`  (getServerSession + plain fetch / bare route: ${(sessionBare / bare).toFixed(2)})`);

server.close();
await sandbox.close();
