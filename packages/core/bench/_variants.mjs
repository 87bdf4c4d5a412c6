/* global performance, Response, Headers, Buffer */
import { createServer } from 'node:http';
import { createAuthKit, providers } from '@authkit/core';
const BODY = '{"ok":true}';
const server = createServer({ keepAlive: true }, (req, res) => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length }); res.end(BODY); });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const authkit = createAuthKit({ providers: [providers.oauth2({ id: 'b', baseUrl: base, clientId: 'c', clientSecret: 's', authorizationEndpoint: `${base}/a`, tokenEndpoint: `${base}/t` })] });
const c = await authkit.saveTokenResponse({ providerId: 'b', ownerId: 'u', tokens: { access_token: 'a', expires_in: 86400, refresh_token: 'r' } });
const client = authkit.client('b', c.id);
const variants = {
  plainObj: () => fetch(`${base}/items`, { headers: { Authorization: 'Bearer a' }, redirect: 'manual' }),
  plainHeaders: () => fetch(`${base}/items`, { headers: new Headers({ Authorization: 'Bearer a' }), redirect: 'manual' }),
  signed: () => client.fetch('/items'),
};
async function round(call, n = 2000, conc = 32) {
  let next = 0; const t = performance.now();
  await Promise.all(Array.from({ length: conc }, async () => { while (next < n) { next++; const r = await call(); await r.arrayBuffer(); } }));
  return n / ((performance.now() - t) / 1000);
}
for (let i = 0; i < 4; i++) for (const [name, fn] of Object.entries(variants)) console.log(i, name, (await round(fn)).toFixed(0));
server.closeAllConnections(); server.close();
