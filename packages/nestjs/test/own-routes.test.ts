import { Controller, Get, Req, UseFilters, UseGuards } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';
import type { Request } from 'express';
import { AuthKitExceptionFilter, AuthKitModule, ConnectFlowGuard, type ConnectionView } from '../src/index';
import { bootApp, get, ownerFromHeader, sandboxProviders, type Sandbox, type TestApp } from './harness';

/** An app that writes its own connect routes with the strategies, without the ready controller. */
@Controller('connect')
@UseFilters(AuthKitExceptionFilter)
class OwnConnectController {
  // Plain @nestjs/passport guard: starts and completes the flow by itself.
  @Get('plannr')
  @UseGuards(AuthGuard('authkit-plannr'))
  startPlannr(): void {}

  @Get('plannr/callback')
  @UseGuards(AuthGuard('authkit-plannr'))
  plannrDone(@Req() req: Request & { user?: ConnectionView }): unknown {
    return { connected: req.user?.providerId, status: req.user?.status };
  }

  // ConnectFlowGuard keeps req.user for the app and puts the connection on req.authkitConnection.
  @Get('acme')
  @UseGuards(ConnectFlowGuard('acme'))
  startAcme(): void {}

  @Get('acme/callback')
  @UseGuards(ConnectFlowGuard('acme'))
  acmeDone(@Req() req: Request & { authkitConnection?: ConnectionView }): unknown {
    return { connected: req.authkitConnection?.providerId };
  }
}

let sandbox: Sandbox;
let t: TestApp;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true });
  t = await bootApp(
    AuthKitModule.forRoot({ providers: sandboxProviders(sandbox), getOwner: ownerFromHeader, basePath: 'connect' }),
    sandbox,
    [OwnConnectController],
  );
  sandbox.addRedirectUri('plannr', DEMO_CLIENTS.plannr.clientId, `${t.url}/connect/plannr/callback`);
  sandbox.addRedirectUri('oauth2', DEMO_CLIENTS.oauth2.clientId, `${t.url}/connect/acme/callback`);
});
afterAll(async () => {
  await t?.close();
  await sandbox?.close();
});

async function flow(path: string, user: string): Promise<Response> {
  const start = await get(`${t.url}${path}`, user);
  expect(start.status).toBe(302);
  const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const callback = new URL(consent.headers.get('location')!);
  expect(callback.pathname).toBe(`${path}/callback`);
  return get(callback.toString(), user);
}

it('AuthGuard("authkit-plannr") starts and completes a connect flow on the app\'s own routes', async () => {
  const res = await flow('/connect/plannr', 'olga');
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ connected: 'plannr', status: 'active' });
  expect(await t.authkit.listConnections({ ownerId: 'olga' })).toHaveLength(1);
  // No ready controller was mounted.
  expect((await get(`${t.url}/connect`, 'olga')).status).toBe(404);
});

it('ConnectFlowGuard completes a flow and leaves req.user alone', async () => {
  const res = await flow('/connect/acme', 'pia');
  expect(await res.json()).toEqual({ connected: 'acme' });
  const bare = await get(`${t.url}/connect/acme/callback`, 'pia');
  expect(bare.status).toBe(400);
  expect(await bare.json()).toMatchObject({ code: 'invalid_callback' });
});
