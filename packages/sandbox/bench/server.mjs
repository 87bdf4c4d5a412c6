// Child process for bench/concurrency.mjs: serves either the sandbox or a bare baseline, so
// the load generator never shares an event loop with the server it measures.
import { createServer } from 'node:http';
import { URLSearchParams } from 'node:url';
import { DEMO_CLIENTS, startSandbox } from '../dist/index.js';

const mode = process.argv[2];
if (mode === 'sandbox') {
  const sandbox = await startSandbox({ port: 0 });
  Object.assign(sandbox.settings.rateLimits, { plandayPortalPerSecond: 1e9, plandayPortalPerMinute: 1e9, plandayClientPerSecond: 1e9, plandayClientPerMinute: 1e9 });
  const clientId = DEMO_CLIENTS.planday.clientId;
  const { refreshToken } = sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId });
  process.on('message', (message) => {
    if (message === 'reset') sandbox.stats.reset();
    if (message === 'count') process.send({ count: sandbox.stats.count('planday.token', { grantType: 'refresh_token' }) });
  });
  process.send({ url: sandbox.endpoints.planday.tokenEndpoint, body: new URLSearchParams({ client_id: clientId, grant_type: 'refresh_token', refresh_token: refreshToken }).toString() });
} else {
  // Baseline: reads the body and answers a fixed JSON token response, nothing else.
  const fixed = JSON.stringify({ access_token: 'x'.repeat(40), token_type: 'Bearer', expires_in: 3600, refresh_token: 'y'.repeat(40) });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(fixed));
  });
  server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}/connect/token` }));
}
