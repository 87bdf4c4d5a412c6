// The generic oauth2() provider configured from its issuer (RFC 8414 / OpenID discovery), the
// issuer checked exactly and never invented, short-lived tokens, and option errors.
import { DEMO_CLIENTS, startSandbox, type Sandbox } from '@authkit/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuthKit, providers, type AuthKit, type ProviderDefinition } from '../src/index';
import { caught } from './helpers/sandbox';

const REDIRECT = 'http://127.0.0.1:9/callback/acme';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true });
  sandbox.addRedirectUri('oauth2', DEMO_CLIENTS.oauth2.clientId, REDIRECT);
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.faults.clear();
  sandbox.stats.reset();
});

function kit(provider: ProviderDefinition): AuthKit {
  return createAuthKit({ providers: [provider], now: () => sandbox.now(), retry: { attempts: 1, baseDelayMs: 1, timeoutMs: 5000 } });
}

/** providers.oauth2 from the issuer only: no endpoint configured. */
function discovered(extra: Partial<Parameters<typeof providers.oauth2>[0]> = {}): ProviderDefinition {
  return providers.oauth2({
    id: 'acme',
    baseUrl: sandbox.endpoints.oauth2.baseUrl,
    issuer: sandbox.endpoints.oauth2.issuer,
    ...DEMO_CLIENTS.oauth2,
    redirectUri: REDIRECT,
    scopes: ['profile'],
    ...extra,
  });
}

async function connect(authkit: AuthKit, owner: string) {
  const { url } = await authkit.startAuthorization({ providerId: 'acme', ownerId: owner });
  const back = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
  return { url, back, complete: () => authkit.completeAuthorization({ providerId: 'acme', ownerId: owner, callback: back }) };
}

describe('discovery from the issuer', () => {
  it('connects, refreshes and revokes with endpoints read once from the metadata (issuer with a path)', async () => {
    expect(new URL(sandbox.endpoints.oauth2.issuer).pathname).toBe('/oauth2-api');
    const authkit = kit(discovered());
    const flow = await connect(authkit, 'u1');
    expect(flow.url.origin + flow.url.pathname).toBe(sandbox.endpoints.oauth2.authorizationEndpoint);
    const { connection } = await flow.complete();
    expect(connection.status).toBe('active');
    await authkit.client('acme', connection.id).refresh();
    expect(await authkit.disconnect(connection.id)).toEqual({ removed: true, revoked: true });
    expect(sandbox.stats.count('oauth2.discovery')).toBe(1);
    // The client authentication the server offers first that fits a client with a secret.
    const token = sandbox.requests.find((r) => r.endpointKey === 'oauth2.token');
    expect(token?.headers.authorization).toMatch(/^Basic /);
  });

  it('a metadata endpoint that fails is reported, then read again on the next use', async () => {
    const authkit = kit(discovered());
    sandbox.faults.inject('oauth2.discovery', { kind: '5xx', times: 1 });
    expect(await caught(authkit.startAuthorization({ providerId: 'acme', ownerId: 'u2' }))).toMatchObject({ code: 'provider_unavailable', providerId: 'acme' });
    const { complete } = await connect(authkit, 'u2');
    expect((await complete()).connection.status).toBe('active');
  });

  it('explicit endpoints override the metadata', async () => {
    const authorizationEndpoint = `${sandbox.endpoints.oauth2.authorizationEndpoint}?tenant=x`;
    const authkit = kit(discovered({ authorizationEndpoint }));
    const { url } = await authkit.startAuthorization({ providerId: 'acme', ownerId: 'u3' });
    expect(url.searchParams.get('tenant')).toBe('x');
  });

  it('the metadata promises `iss` on callbacks: a callback without it is refused', async () => {
    const authkit = kit(discovered());
    const { back } = await connect(authkit, 'u4');
    const stripped = new URL(back);
    stripped.searchParams.delete('iss');
    expect(await caught(authkit.completeAuthorization({ providerId: 'acme', ownerId: 'u4', callback: stripped }))).toMatchObject({ code: 'invalid_callback' });
  });

  it('capabilities the server lacks are a configuration_error at first use', async () => {
    const basicOnly = kit(discovered({ clientAuthentication: 'private_key_jwt' as never }));
    expect(await caught(basicOnly.startAuthorization({ providerId: 'acme', ownerId: 'u5' }))).toMatchObject({ code: 'configuration_error' });
    const cc = kit(discovered({ grants: ['client_credentials'] }));
    const error = await caught(cc.connectClientCredentials({ providerId: 'acme', ownerId: 'u5' }));
    expect(error).toMatchObject({ code: 'configuration_error' });
    expect(error.message).toContain('client_credentials');
  });

  it('an issuer whose metadata names another issuer is refused', async () => {
    const authkit = kit(discovered({ issuer: `${sandbox.url}/oauth2-api/` }));
    expect(await caught(authkit.startAuthorization({ providerId: 'acme', ownerId: 'u6' }))).toMatchObject({ code: 'configuration_error' });
  });
});

describe('the issuer is checked exactly, and never invented', () => {
  const explicit = (issuer?: string) =>
    providers.oauth2({
      id: 'acme',
      ...sandbox.endpoints.oauth2,
      issuer,
      ...DEMO_CLIENTS.oauth2,
      redirectUri: REDIRECT,
      scopes: ['profile'],
    });

  it('with the issuer configured (it has a path), the callback\'s iss must equal it', async () => {
    const authkit = kit(explicit(sandbox.endpoints.oauth2.issuer));
    const { back, complete } = await connect(authkit, 'i1');
    expect(new URL(back).searchParams.get('iss')).toBe(sandbox.endpoints.oauth2.issuer);
    expect((await complete()).connection.status).toBe('active');
    const other = await connect(authkit, 'i2');
    const forged = new URL(other.back);
    forged.searchParams.set('iss', sandbox.url);
    expect(await caught(authkit.completeAuthorization({ providerId: 'acme', ownerId: 'i2', callback: forged }))).toMatchObject({ code: 'invalid_state' });
  });

  it('without an issuer, nothing is guessed from the token endpoint: the server\'s iss is not held against it', async () => {
    const authkit = kit(explicit(undefined));
    const { complete } = await connect(authkit, 'i3');
    expect((await complete()).connection.status).toBe('active');
  });
});

describe('short-lived access tokens', () => {
  it('the refresh margin is capped at half the token\'s lifetime: a 3 s token is not refreshed on every call', async () => {
    const previous = sandbox.settings.oauth2.accessTokenTtlSeconds;
    sandbox.settings.oauth2.accessTokenTtlSeconds = 3;
    try {
      const authkit = kit(explicit());
      const { complete } = await connect(authkit, 's1');
      const { connection } = await complete();
      const client = authkit.client('acme', connection.id);
      sandbox.stats.reset();
      for (let i = 0; i < 3; i++) expect((await client.fetch('v1/me')).status).toBe(200);
      expect(sandbox.stats.count('oauth2.token')).toBe(0);
      sandbox.clock.advance(1_600);
      expect((await client.fetch('v1/me')).status).toBe(200);
      expect(sandbox.stats.count('oauth2.token')).toBe(1);
    } finally {
      sandbox.settings.oauth2.accessTokenTtlSeconds = previous;
    }
  });

  function explicit() {
    return providers.oauth2({ id: 'acme', ...sandbox.endpoints.oauth2, ...DEMO_CLIENTS.oauth2, redirectUri: REDIRECT, scopes: ['profile'] });
  }
});

describe('option errors', () => {
  it('a missing option is reported as missing, with what would satisfy it', () => {
    let error: unknown;
    try {
      providers.oauth2({ id: 'acme', baseUrl: 'https://api.acme.test', clientId: 'c' });
    } catch (caughtError) {
      error = caughtError;
    }
    expect(error).toMatchObject({ code: 'configuration_error', message: 'Provider "acme" needs the "tokenEndpoint" option, or "issuer" to discover it.' });
    expect(() => providers.oauth2({ id: 'acme', baseUrl: 'https://api.acme.test', clientId: 'c', tokenEndpoint: 'not a url' })).toThrow(
      'Provider "acme": option "tokenEndpoint" is not a valid URL.',
    );
  });
});
