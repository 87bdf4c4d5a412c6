// The app under test for middleware.mjs, in its own process so the load generator does not
// share its event loop: a sandbox, AuthKit with one client-credentials connection, and two
// routes calling the same sandbox API — one bare (plain fetch, fixed headers), one behind
// requireConnection with AuthKit's signed client. Prints its URL on stdout.
import express from 'express';
import { createAuthKit, providers } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import { createAuthKitExpress } from '@authkit/express';

const sandbox = await startSandbox({ port: 0 });
const authkit = createAuthKit({
  providers: [
    providers.oauth2({ ...sandbox.endpoints.clientCredentials, id: 'server-api', ...DEMO_CLIENTS.clientCredentials, grants: ['client_credentials'] }),
  ],
});
const OWNER = 'bench-user';
await authkit.connectClientCredentials({ providerId: 'server-api', ownerId: OWNER });
const record = await authkit.readConnectionRecord(authkit.connectionIdFor('server-api', OWNER));
const token = record.credential.accessToken.reveal();
const apiUrl = `${sandbox.endpoints.clientCredentials.baseUrl}/v1/users`;

const getOwner = () => OWNER;
const app = express();
const ak = createAuthKitExpress({ authkit, getOwner, cookieSecret: 'bench-cookie-secret-0123456789abcdef' });
app.use(ak.router);
app.get('/bare', async (_req, res) => {
  const response = await fetch(apiUrl, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
  res.status(response.status).type('json').send(await response.text());
});
app.get('/guarded', ak.requireConnection('server-api'), async (req, res) => {
  const response = await req.authkit.client('server-api').fetch('v1/users', { headers: { accept: 'application/json' } });
  res.status(response.status).type('json').send(await response.text());
});
app.use(ak.errorHandler);
// Requests cut off when the load generator stops must not print stack traces at shutdown.
app.use((_err, _req, res, _next) => res.status(500).end());

const server = app.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void sandbox.close().then(() => process.exit(0)));
});
