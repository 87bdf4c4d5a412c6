// AuthGuard('authkit-<id>') on the app's own routes: a proper passport-oauth2 strategy whose
// authenticate hands both legs to core, with no patched or private passport fields.
import 'reflect-metadata';
import { Controller, Get, Module, Req, UseFilters, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { startSandbox, type Sandbox } from '@authkit/sandbox';
import type { Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthKitExceptionFilter, AuthKitModule, type ConnectionView } from '../src/index';
import { browser, COOKIE_SECRET, listen, ownerFromHeader, providerAnswer, sandboxProviders } from './support';

/** passport-oauth2's convention: both legs name the app's own callback route. */
class PlannrFlowGuard extends AuthGuard('authkit-plannr') {
  override getAuthenticateOptions() {
    return { callbackURL: '/oauth/plannr/callback', property: 'connection', session: false };
  }
}

@Controller('oauth/plannr')
@UseFilters(AuthKitExceptionFilter)
class PlannrOAuthController {
  @Get('start')
  @UseGuards(AuthGuard('authkit-plannr'))
  start(): void {
    // The strategy redirected to Plannr; the surface's callback completes the flow.
  }

  @Get('own-start')
  @UseGuards(PlannrFlowGuard)
  ownStart(): void {
    // The strategy redirected to Plannr, naming this app's own callback route.
  }

  @Get('callback')
  @UseGuards(PlannrFlowGuard)
  done(@Req() request: Request & { connection?: ConnectionView; authInfo?: unknown }): unknown {
    return { connection: request.connection, info: request.authInfo };
  }
}

let sandbox: Sandbox;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true });
  @Module({
    imports: [AuthKitModule.forRoot({ providers: sandboxProviders(sandbox), getOwner: ownerFromHeader, cookieSecret: COOKIE_SECRET })],
    controllers: [PlannrOAuthController],
  })
  class AppModule {}
  const app = await NestFactory.create(AppModule, { logger: false });
  url = await listen(app);
  sandbox.addRedirectUri('plannr', sandbox.demoClients.plannr.clientId, `${url}/oauth/plannr/callback`);
  sandbox.addRedirectUri('plannr', sandbox.demoClients.plannr.clientId, `${url}/authkit/plannr/callback`);
  close = async () => {
    await app.close();
    await sandbox.close();
  };
});
afterAll(() => close());

describe('passport strategies', () => {
  it('AuthGuard on the start route: core starts the flow (state cookie, PKCE) and the surface completes it', async () => {
    const go = browser('paula');
    const start = await go(`${url}/oauth/plannr/start?returnTo=/crm`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${url}/authkit/plannr/callback`);
    expect(start.headers.getSetCookie()[0]).toMatch(/^authkit_state_plannr=.+; Path=\/authkit\/plannr\/callback; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const done = await go(await providerAnswer(start));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/crm?authkit=connected&authkit_provider=plannr');
  });

  it('AuthGuard on both legs of the app\'s own routes: request.connection is the saved connection; a replay is refused', async () => {
    const go = browser('quinn');
    const start = await go(`${url}/oauth/plannr/own-start?returnTo=/after`);
    expect(start.status).toBe(302);
    expect(new URL(start.headers.get('location')!).searchParams.get('redirect_uri')).toBe(`${url}/oauth/plannr/callback`);
    expect(start.headers.getSetCookie()[0]).toMatch(/; Path=\/oauth\/plannr\/callback;/);
    const callback = await providerAnswer(start);
    const done = await go(callback);
    expect(done.status).toBe(200);
    const body = (await done.json()) as { connection: ConnectionView; info: { returnTo: string } };
    expect(body.connection).toMatchObject({ providerId: 'plannr', ownerId: 'quinn', status: 'active', grant: 'authorization_code' });
    expect(body.info).toEqual({ returnTo: '/after' });
    const replay = await go(callback);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ code: 'invalid_state', providerId: 'plannr' });
  });
});
