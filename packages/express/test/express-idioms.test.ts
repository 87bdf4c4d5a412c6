// What is Express's own: stacking requireConnection, req.authkit, the mount check.
import { createAuthKit, providers } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthKitExpress } from '../src/index';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let base = '';
let close: () => Promise<void>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  const authkit = createAuthKit({
    providers: [
      providers.oauth2({ ...sandbox.endpoints.clientCredentials, id: 'server-api', ...DEMO_CLIENTS.clientCredentials, grants: ['client_credentials'], apiKey: { header: 'X-API-Key' } }),
      providers.plannr({ baseUrl: sandbox.endpoints.plannr.baseUrl }),
    ],
  });
  const ak = createAuthKitExpress({ authkit, getOwner: (req) => req.get('x-user'), cookieSecret: 'c'.repeat(32) });
  const app = express();
  app.use(ak.router);
  app.use('/elsewhere', ak.router);
  app.get('/both', ak.requireConnection('server-api'), ak.requireConnection('plannr'), (req, res) => {
    res.json({ owner: req.authkit.ownerId, providers: Object.keys(req.authkit.connections).sort() });
  });
  app.get('/only-server', ak.requireConnection('server-api'), (req, res) => {
    req.authkit.client('plannr');
    res.end();
  });
  app.use(ak.errorHandler);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await sandbox.close();
  };
});
afterAll(() => close());

const as = (user: string, init: RequestInit = {}): RequestInit => ({ ...init, headers: { 'x-user': user, 'content-type': 'application/json', ...(init.headers as object) } });

describe('@authkit/express idioms', () => {
  it('stacked requireConnection puts every required connection on req.authkit', async () => {
    expect((await fetch(`${base}/connections/server-api/client-credentials`, as('ann', { method: 'POST', body: '{}' }))).status).toBe(201);
    const pat = sandbox.plannr.createPersonalAccessToken().token;
    expect((await fetch(`${base}/connections/plannr/credentials`, as('ann', { method: 'POST', body: JSON.stringify({ token: pat }) }))).status).toBe(201);
    const both = await fetch(`${base}/both`, as('ann'));
    expect(await both.json()).toEqual({ owner: 'ann', providers: ['plannr', 'server-api'] });
  });

  it('a client for a provider the route did not require → 404 connection_not_found, through the error handler', async () => {
    await fetch(`${base}/connections/server-api/client-credentials`, as('bob', { method: 'POST', body: '{}' }));
    const answer = await fetch(`${base}/only-server`, as('bob'));
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ code: 'connection_not_found', providerId: 'plannr' });
  });

  it('mounted under another path, the router says how to mount it instead of misrouting', async () => {
    const answer = await fetch(`${base}/elsewhere/connections/`, as('ann'));
    expect(answer.status).toBe(500);
    expect(await answer.json()).toMatchObject({ code: 'internal_error' });
  });
});
