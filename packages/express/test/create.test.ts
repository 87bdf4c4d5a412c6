// createAuthKitExpress: the router, middleware and error handler bound to one AuthKit.
import { createAuthKit, providers } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthKitExpress, createAuthKitRouter, requireConnection } from '../src/index';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let close: () => Promise<void>;
let base = '';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  const authkit = createAuthKit({
    providers: [providers.oauth2({ ...sandbox.endpoints.clientCredentials, id: 'server-api', ...DEMO_CLIENTS.clientCredentials, grants: ['client_credentials'] })],
  });
  const getOwner = (req: express.Request) => req.get('x-test-user');
  const app = express();

  // The bound trio under /bound.
  const ak = createAuthKitExpress({ authkit, getOwner, basePath: '/bound', cookieSecret: 'c'.repeat(32) });
  app.use(ak.basePath, ak.router);
  app.get('/bound-users', ak.requireConnection('server-api'), async (req, res) => {
    res.status(200).json(await (await req.authkit.client('server-api').fetch('v1/users')).json());
  });

  // The unbound pieces, wired by hand.
  app.use('/manual', createAuthKitRouter({ authkit, getOwner, cookieSecret: 'c'.repeat(32) }));
  app.get('/manual-users', requireConnection('server-api', { authkit, getOwner }), (req, res) => {
    res.json({ owner: req.authkit.ownerId });
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

const as = (user: string, init: RequestInit = {}) => ({ ...init, headers: { 'x-test-user': user, ...(init.headers ?? {}) } });

describe('createAuthKitExpress', () => {
  it('serves a connected route and points missing connections at its own connect route', async () => {
    const missing = await fetch(`${base}/bound-users`, as('dora'));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { reauthorizeUrl: string } }).error.reauthorizeUrl).toBe('/bound/server-api/connect');
    expect((await fetch(`${base}/bound/server-api/client-credentials`, as('dora', { method: 'POST' }))).status).toBe(201);
    const users = await fetch(`${base}/bound-users`, as('dora'));
    expect(users.status).toBe(200);
  });

  it('works with requireConnection given its AuthKit and owner explicitly', async () => {
    expect((await fetch(`${base}/manual-users`, as('emil'))).status).toBe(404);
    expect((await fetch(`${base}/manual/server-api/client-credentials`, as('emil', { method: 'POST' }))).status).toBe(201);
    const response = await fetch(`${base}/manual-users`, as('emil'));
    expect(await response.json()).toEqual({ owner: 'emil' });
    expect((await fetch(`${base}/manual-users`)).status).toBe(401);
  });
});
