// `pnpm bench`: a route behind requireConnection + AuthKit's signed client against the same
// route with a plain fetch and fixed headers, both calling the sandbox's client-credentials
// API, measured with autocannon in the same run (interleaved, so drift hits both alike).
// Prints a ratio; it is never a pass/fail test.
import autocannon from 'autocannon';
import express from 'express';
import { createAuthKit, providers } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import { authkitErrorHandler, createAuthKitRouter, requireConnection } from '@authkit/express';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 3);
const CONNECTIONS = 10;
const ROUNDS = 2;

const sandbox = await startSandbox({ port: 0 });
const authkit = createAuthKit({
  providers: [
    providers.oauth2({ ...sandbox.endpoints.clientCredentials, id: 'server-api', ...DEMO_CLIENTS.clientCredentials, grants: ['client_credentials'] }),
  ],
});
const OWNER = 'bench-user';
await authkit.connectClientCredentials({ providerId: 'server-api', ownerId: OWNER });
const connectionId = authkit.connectionIdFor('server-api', OWNER);
const token = (await authkit.readConnectionRecord(connectionId)).credential.accessToken.reveal();
const apiUrl = `${sandbox.endpoints.clientCredentials.baseUrl}/v1/users`;

const getOwner = () => OWNER;
const app = express();
app.use('/connections', createAuthKitRouter({ authkit, getOwner, cookieSecret: 'bench-cookie-secret-0123456789abcdef' }));
app.get('/bare', async (_req, res) => {
  const response = await fetch(apiUrl, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  res.status(response.status).type('json').send(await response.text());
});
app.get('/guarded', requireConnection('server-api'), async (req, res) => {
  const response = await req.authkit.client('server-api').fetch('v1/users', { headers: { accept: 'application/json' } });
  res.status(response.status).type('json').send(await response.text());
});
app.use(authkitErrorHandler());
// Requests cut off when autocannon stops must not print stack traces at shutdown.
app.use((_err, _req, res, _next) => res.status(500).end());
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

for (const path of ['/bare', '/guarded']) {
  const check = await fetch(base + path);
  if (check.status !== 200) throw new Error(`${path} answered ${check.status}: ${await check.text()}`);
}

async function measure(path) {
  const result = await autocannon({ url: base + path, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

// Warm-up (JIT, keep-alive pools), then alternate which route goes first in each round.
await measure('/bare');
await measure('/guarded');
const totals = { bare: 0, guarded: 0 };
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? ['bare', 'guarded'] : ['guarded', 'bare'];
  for (const name of order) totals[name] += await measure(`/${name}`);
}
const bare = totals.bare / ROUNDS;
const guarded = totals.guarded / ROUNDS;
console.log(`bare route: ${bare.toFixed(0)} req/s; requireConnection + signed client: ${guarded.toFixed(0)} req/s`);
console.log(`express requireConnection route / bare route: ${(guarded / bare).toFixed(2)} (target >= 0.9)`);

server.closeAllConnections();
await new Promise((resolve) => server.close(resolve));
await sandbox.close();
