import 'reflect-metadata';
import { Controller, Get, Module, Param, UseFilters, UseGuards, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  AuthKitError,
  PermissionDeniedError,
  RateLimitedError,
  ReauthorizationRequiredError,
  TokenEndpointError,
  providers,
  type AuthKit,
  type AuthKitClient,
  type ProviderDefinition,
} from '@authkit/core';
import { DEMO_CLIENTS, type startSandbox } from '@authkit/sandbox';
import type { Request } from 'express';
import { AUTHKIT, AuthKitExceptionFilter, ConnectionGuard, ProviderClient } from '../src/index';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** The request owner in tests: the `x-user` header (no header, nobody signed in). */
export function ownerFromHeader(request: Request): string | undefined {
  const user = request.headers['x-user'];
  return typeof user === 'string' ? user : undefined;
}

/** Core providers pointed at the sandbox; endpoints come only from the sandbox. */
export function sandboxProviders(sandbox: Sandbox): ProviderDefinition[] {
  return [
    providers.plannr({ ...DEMO_CLIENTS.plannr, ...sandbox.endpoints.plannr }),
    providers.planday({ clientId: DEMO_CLIENTS.planday.clientId, scopes: ['department:read', 'employee:read'], ...sandbox.endpoints.planday }),
    providers.iguide({ ...DEMO_CLIENTS.iguide, ...sandbox.endpoints.iguide }),
    providers.oauth2({ id: 'acme', name: 'Acme API', ...DEMO_CLIENTS.oauth2, ...sandbox.endpoints.oauth2 }),
    providers.oauth2({
      id: 'server-api',
      name: 'Server API',
      ...DEMO_CLIENTS.clientCredentials,
      ...sandbox.endpoints.clientCredentials,
      grants: ['client_credentials'],
      apiKey: { header: 'X-API-Key' },
    }),
  ];
}

const ERRORS: Record<string, () => AuthKitError> = {
  reauth: () => new ReauthorizationRequiredError('Plannr refresh token expired', { providerId: 'plannr' }),
  forbidden: () => new PermissionDeniedError('Missing scope', { providerId: 'iguide', status: 403, requiredScope: 'iguide.rw' }),
  limited: () => new RateLimitedError('Slow down', { providerId: 'iguide', status: 429, retryAfter: 0.52 }),
  upstream: () => new TokenEndpointError('The token endpoint failed (HTTP 503)', { providerId: 'planday', status: 503, transient: true }),
  config: () => new AuthKitError('configuration_error', 'clientSecret missing for plannr', { providerId: 'plannr' }),
};

/** Routes an app would write: guarded API calls and a route that throws core errors. */
@Controller('api')
@UseFilters(AuthKitExceptionFilter)
export class ApiController {
  @Get('plannr/contacts')
  @UseGuards(ConnectionGuard('plannr'))
  async contacts(@ProviderClient('plannr') plannr: AuthKitClient): Promise<unknown> {
    const res = await plannr.fetch('/api/v1/contacts');
    return { status: res.status, body: await res.json() };
  }

  @Get('planday/departments')
  async departments(@ProviderClient('planday') planday: AuthKitClient): Promise<unknown> {
    const res = await planday.fetch('/hr/v1/Departments');
    return { status: res.status, body: await res.json() };
  }

  @Get('acme/me')
  async me(@ProviderClient('acme') acme: AuthKitClient): Promise<unknown> {
    const res = await acme.fetch('/v1/me');
    return { status: res.status, body: await res.json() };
  }

  @Get('server-api/data')
  async data(@ProviderClient('server-api', { label: 'key' }) api: AuthKitClient): Promise<unknown> {
    const res = await api.fetch('/v1/data');
    return { status: res.status, body: await res.json() };
  }

  /** iGUIDE through an API token pair: `iguide.ro` is needed for one iGUIDE. */
  @Get('iguide/iguides/:id')
  async iguide(@Param('id') id: string, @ProviderClient('iguide', { label: 'token' }) iguide: AuthKitClient): Promise<unknown> {
    const res = await iguide.fetch(`iguides/${encodeURIComponent(id)}`);
    return { status: res.status, body: await res.json() };
  }

  @Get('errors/:kind')
  fail(@Param('kind') kind: string): never {
    throw (ERRORS[kind] ?? ERRORS.config!)();
  }
}

export interface TestApp {
  app: INestApplication;
  url: string;
  authkit: AuthKit;
  close(): Promise<void>;
}

/** Boots a Nest app around `authKitModule` on a random port and registers its callbacks. */
export async function bootApp(authKitModule: DynamicModule, sandbox: Sandbox, controllers: Type<unknown>[] = []): Promise<TestApp> {
  // With `isGlobal`, the API routes live in a feature module that does not import AuthKitModule.
  @Module({ controllers: [ApiController] })
  class FeatureModule {}

  @Module({
    imports: authKitModule.global ? [authKitModule, FeatureModule] : [authKitModule],
    controllers: authKitModule.global ? controllers : [ApiController, ...controllers],
  })
  class AppModule {}

  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  for (const [provider, id] of [['plannr', 'plannr'], ['planday', 'planday'], ['iguide', 'iguide'], ['oauth2', 'acme']] as const) {
    sandbox.addRedirectUri(provider, DEMO_CLIENTS[provider].clientId, `${url}/authkit/${id}/callback`);
  }
  return { app, url, authkit: app.get<AuthKit>(AUTHKIT), close: () => app.close() };
}

/** fetch without following redirects, as a given user. */
export function get(url: string, user?: string): Promise<Response> {
  return fetch(url, { redirect: 'manual', headers: user ? { 'x-user': user } : {} });
}

export function post(url: string, body: Record<string, string>, user?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/json', ...(user ? { 'x-user': user } : {}) },
    body: JSON.stringify(body),
  });
}

/**
 * Starts a connect flow and lets the (auto-approving) sandbox answer: returns the callback URL
 * the provider redirected the browser to, with `code` and `state`.
 */
export async function authorize(app: TestApp, providerId: string, user: string, query = ''): Promise<URL> {
  const start = await get(`${app.url}/authkit/${providerId}/connect${query}`, user);
  if (start.status !== 302) throw new Error(`connect answered ${start.status}: ${await start.text()}`);
  const authorizeUrl = new URL(start.headers.get('location')!);
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (!location) throw new Error(`authorize answered ${consent.status} without a redirect`);
  return new URL(location, authorizeUrl);
}
