// Module forms, and several AuthKitModules in one process.
import 'reflect-metadata';
import { Controller, Get, Injectable, Module, UseFilters, UseGuards, type INestApplication, type Type } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { createAuthKit, providers } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox, type Sandbox } from '@authkit/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  AuthKitExceptionFilter,
  AuthKitModule,
  ConnectionGuard,
  MemoryStore,
  ProviderClient,
  type AuthKitClient,
  type AuthKitModuleOptions,
  type ConnectionView,
} from '../src/index';
import { browser, COOKIE_SECRET, listen, ownerFromHeader, sandboxProviders } from './support';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true });
});
afterAll(() => sandbox.close());

async function boot(root: Type<unknown>): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(root, { logger: false });
  return { app, url: await listen(app) };
}

async function pastePat(url: string, base: string, user: string): Promise<Response> {
  return fetch(`${url}${base}/plannr/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': user },
    body: JSON.stringify({ token: sandbox.plannr.createPersonalAccessToken().token }),
  });
}

describe('module forms', () => {
  it('forRootAsync with ConfigService (useFactory + inject)', async () => {
    @Module({
      imports: [
        AuthKitModule.forRootAsync({
          imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => ({ AUTHKIT_COOKIE_SECRET: COOKIE_SECRET })] })],
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            providers: sandboxProviders(sandbox),
            getOwner: ownerFromHeader,
            cookieSecret: config.getOrThrow<string>('AUTHKIT_COOKIE_SECRET'),
          }),
          isGlobal: true,
        }),
      ],
    })
    class AppModule {}
    const { app, url } = await boot(AppModule);
    try {
      expect((await pastePat(url, '/authkit', 'ana')).status).toBe(201);
      const listed = (await (await fetch(`${url}/authkit`, { headers: { 'x-user': 'ana' } })).json()) as { connections: ConnectionView[] };
      expect(listed.connections.map((c) => c.providerId)).toEqual(['plannr']);
    } finally {
      await app.close();
    }
  });

  it('forRootAsync with useClass', async () => {
    @Injectable()
    class Options {
      createAuthKitOptions(): AuthKitModuleOptions {
        return { providers: sandboxProviders(sandbox), getOwner: ownerFromHeader, cookieSecret: COOKIE_SECRET };
      }
    }
    @Module({ imports: [AuthKitModule.forRootAsync({ useClass: Options, basePath: 'integrations' })] })
    class AppModule {}
    const { app, url } = await boot(AppModule);
    try {
      expect((await pastePat(url, '/integrations', 'bo')).status).toBe(201);
    } finally {
      await app.close();
    }
  });
});

describe('two AuthKitModules in one process', () => {
  function feature(name: string): Type<unknown> {
    @Controller(`guarded-${name}`)
    @UseFilters(AuthKitExceptionFilter)
    class GuardedController {
      @Get('plannr')
      @UseGuards(ConnectionGuard('plannr'))
      async contacts(@ProviderClient('plannr') plannr: AuthKitClient): Promise<unknown> {
        return (await plannr.fetch('api/v1/contacts')).json();
      }

      @Get('start')
      @UseGuards(AuthGuard(`${name}-plannr`))
      start(): void {}
    }
    @Module({
      imports: [
        AuthKitModule.forRoot({
          providers: sandboxProviders(sandbox),
          // Its own store: without one, every AuthKit of the process shares the default store.
          store: new MemoryStore(),
          getOwner: ownerFromHeader,
          cookieSecret: COOKIE_SECRET,
          basePath: `${name}-connections`,
          strategyPrefix: name,
        }),
      ],
      controllers: [GuardedController],
    })
    class FeatureModule {}
    return FeatureModule;
  }

  it('each module keeps its own AuthKit, surface, guard and passport strategies', async () => {
    @Module({ imports: [feature('alpha'), feature('beta')] })
    class AppModule {}
    const { app, url } = await boot(AppModule);
    try {
      expect((await pastePat(url, '/alpha-connections', 'cy')).status).toBe(201);
      const get = (path: string) => fetch(`${url}${path}`, { headers: { 'x-user': 'cy' }, redirect: 'manual' });
      expect((await get('/guarded-alpha/plannr')).status).toBe(200);
      const beta = await get('/guarded-beta/plannr');
      expect(beta.status).toBe(404);
      expect(await beta.json()).toMatchObject({ code: 'connection_not_found', reauthorizeUrl: '/beta-connections/plannr/connect' });
      expect(await (await get('/beta-connections')).json()).toEqual({ connections: [] });

      const go = browser('cy');
      for (const name of ['alpha', 'beta']) {
        const start = await go(`${url}/guarded-${name}/start`);
        expect(start.status).toBe(302);
        expect(new URL(start.headers.get('location')!).searchParams.get('redirect_uri')).toBe(`${url}/${name}-connections/plannr/callback`);
      }
    } finally {
      await app.close();
    }
  });

  it('a second module reusing a strategy name is refused at start-up, and the name is free once the first stops', async () => {
    @Module({ imports: [feature('gamma')] })
    class First {}
    @Module({ imports: [feature('gamma')] })
    class Second {}
    const first = await boot(First);
    await expect(NestFactory.create(Second, { logger: false, abortOnError: false })).rejects.toMatchObject({
      code: 'configuration_error',
      message: expect.stringContaining('"gamma-plannr" belongs to another AuthKitModule'),
    });
    await first.app.close();
    const again = await boot(Second);
    await again.app.close();
  });
});

describe('startMaintenance', () => {
  const DAY = 24 * 60 * 60 * 1000;

  it('keeps an idle Plannr connection alive while the app runs, and stops with app.close()', async () => {
    // A sandbox of its own: its clock moves by months.
    const own = await startSandbox({ port: 0, autoApprove: true });
    try {
      const redirectUri = 'http://127.0.0.1:9/callback';
      own.addRedirectUri('plannr', DEMO_CLIENTS.plannr.clientId, redirectUri);
      const authkit = createAuthKit({
        providers: [providers.plannr({ ...DEMO_CLIENTS.plannr, ...own.endpoints.plannr, redirectUri })],
        store: new MemoryStore({ now: () => own.now() }),
        now: () => own.now(),
      });
      const { url } = await authkit.startAuthorization({ providerId: 'plannr', ownerId: 'idle' });
      const callback = (await fetch(url, { redirect: 'manual' })).headers.get('location') ?? '';
      const { connection } = await authkit.completeAuthorization({ providerId: 'plannr', ownerId: 'idle', callback });
      const refreshes = () => own.stats.count('plannr.token', { grantType: 'refresh_token' });

      // 170 days on: inside the 14-day lead before Plannr's 180-day refresh-token expiry.
      own.clock.advance(170 * DAY);
      @Module({ imports: [AuthKitModule.forRoot({ authkit, getOwner: ownerFromHeader, cookieSecret: COOKIE_SECRET, startMaintenance: { intervalMs: 20 } })] })
      class AppModule {}
      expect(refreshes()).toBe(0);
      const { app } = await boot(AppModule);
      await vi.waitFor(() => expect(refreshes()).toBe(1), { timeout: 5_000, interval: 20 });
      const kept = await authkit.getConnection(connection.id);
      expect(kept?.status).toBe('active');
      expect(kept?.refreshTokenExpiresAt).toBeGreaterThan(own.now() + 170 * DAY);

      await app.close();
      own.clock.advance(170 * DAY);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(refreshes()).toBe(1);
    } finally {
      await own.close();
    }
  });
});
