import {
  AuthKitError,
  PermissionDeniedError,
  RateLimitedError,
  ReauthorizationRequiredError,
  TokenEndpointError,
  UnauthenticatedError,
} from '@authkit/core';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthKitExpressError, authkitErrorHandler } from '../src/index';

const errors: Record<string, () => unknown> = {
  reauth: () => new ReauthorizationRequiredError('Authorize Plannr again', { providerId: 'plannr' }),
  unauth: () => new UnauthenticatedError('Rejected', { providerId: 'iguide', status: 401 }),
  denied: () => new PermissionDeniedError('Missing scope iguide.rw', { providerId: 'iguide', requiredScope: 'iguide.rw' }),
  limited: () => new RateLimitedError('Slow down', { providerId: 'iguide', retryAfter: 0.52 }),
  down: () => new AuthKitError('provider_unavailable', 'Planday is unavailable', { providerId: 'planday' }),
  transient: () => new TokenEndpointError('Token endpoint failed', { providerId: 'planday', transient: true, status: 503 }),
  badcode: () => new TokenEndpointError('Code rejected', { providerId: 'plannr', error: 'invalid_grant' }),
  state: () => new AuthKitError('invalid_state', 'Unknown state', { providerId: 'plannr' }),
  callback: () => new AuthKitError('invalid_callback', 'Missing code', { providerId: 'plannr' }),
  consent: () => new AuthKitError('authorization_denied', 'The user denied access', { providerId: 'plannr' }),
  credential: () => new AuthKitError('invalid_credential', 'Token has whitespace', { providerId: 'iguide' }),
  unknown: () => new AuthKitExpressError('unknown_provider', 'No such provider is configured'),
  owner: () => new AuthKitExpressError('owner_required', 'Sign in first'),
  config: () =>
    new AuthKitError('configuration_error', 'clientSecret sk_live_123 missing', { providerId: 'plannr', cause: new Error('sk_live_123') }),
  plain: () => new Error('not ours'),
};

let base = '';
let server: ReturnType<express.Express['listen']>;

beforeAll(async () => {
  const app = express();
  app.get('/:name', (req) => {
    throw errors[req.params.name]!();
  });
  app.use(authkitErrorHandler({ reauthorizationUrl: '/connections/:provider/connect' }));
  app.use((_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).send('app handler');
  });
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function get(name: string): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${base}/${name}`);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, headers: response.headers, body };
}

describe('authkitErrorHandler', () => {
  it.each([
    ['reauth', 401, 'reauthorization_required'],
    ['unauth', 401, 'unauthenticated'],
    ['denied', 403, 'permission_denied'],
    ['limited', 429, 'rate_limited'],
    ['down', 502, 'provider_unavailable'],
    ['transient', 502, 'token_endpoint_error'],
    ['badcode', 400, 'token_endpoint_error'],
    ['state', 400, 'invalid_state'],
    ['callback', 400, 'invalid_callback'],
    ['consent', 400, 'authorization_denied'],
    ['credential', 400, 'invalid_credential'],
    ['unknown', 404, 'unknown_provider'],
    ['owner', 401, 'owner_required'],
    ['config', 500, 'configuration_error'],
  ])('%s → %i %s as JSON', async (name, status, code) => {
    const answer = await get(name);
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/application\/json/);
    expect((answer.body as { error: { code: string } }).error.code).toBe(code);
  });

  it('adds a reauthorization URL to 401s for a provider', async () => {
    const { body } = await get('reauth');
    expect(body).toEqual({
      error: {
        code: 'reauthorization_required',
        message: 'Authorize Plannr again',
        providerId: 'plannr',
        reauthorizeUrl: '/connections/plannr/connect',
      },
    });
  });

  it('rounds a fractional Retry-After up to whole seconds', async () => {
    const { headers } = await get('limited');
    expect(headers.get('retry-after')).toBe('1');
  });

  it('never sends internal messages or causes of 500s', async () => {
    const answer = await get('config');
    expect(JSON.stringify(answer.body)).not.toContain('sk_live_123');
    expect(answer.body).toEqual({ error: { code: 'configuration_error', message: 'Internal error', providerId: 'plannr' } });
  });

  it('passes errors that are not AuthKit errors on to the app', async () => {
    const answer = await get('plain');
    expect(answer.status).toBe(500);
    expect(answer.body).toBe('app handler');
  });
});
