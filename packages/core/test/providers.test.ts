import { describe, expect, it } from 'vitest';
import type { ConnectionRecord } from '../src/connection';
import type { Credential } from '../src/credentials';
import { AuthKitError } from '../src/errors';
import { effectiveScopes, hasScope, joinUrl, parseRetryAfterHeader, providers } from '../src/providers/index';
import type { ProviderDefinition } from '../src/providers/types';
import { Secret } from '../src/secret';

function record(providerId: string, credential: Credential, metadata: Record<string, string> = {}): ConnectionRecord {
  return {
    id: `${providerId}:u1`,
    providerId,
    ownerId: 'u1',
    status: 'active',
    version: 1,
    grant: 'static',
    credential,
    metadata,
    createdAt: 0,
    updatedAt: 0,
  };
}

function sign(provider: ProviderDefinition, credential: Credential, metadata: Record<string, string> = {}, init?: HeadersInit) {
  const headers = new Headers(init);
  const url = new URL(joinUrl(provider.baseUrl, '/things'));
  provider.signRequest({ headers, url, credential, connection: record(provider.id, credential, metadata) });
  return { headers, url };
}

const oauthCredential: Credential = {
  kind: 'oauth2',
  accessToken: new Secret('access-123'),
  tokenType: 'Bearer',
  scopes: [],
};

describe('iGUIDE provider', () => {
  it('signs an API token pair with the two X-Plntr headers and never Bearer', () => {
    const provider = providers.iguide();
    const { headers } = sign(provider, { kind: 'api_token', tokenId: 'tok-id', tokenValue: new Secret('tok-value') }, {}, {
      Authorization: 'Bearer should-be-removed',
    });
    expect(headers.get('X-Plntr-App-Id')).toBe('tok-id');
    expect(headers.get('X-Plntr-App-Token')).toBe('tok-value');
    expect(headers.get('Authorization')).toBeNull();
  });

  it('signs an OAuth access token with the client id as app id', () => {
    const provider = providers.iguide({
      clientId: 'app-1',
      clientSecret: 's',
      authorizationEndpoint: 'https://auth.example/authorize',
      tokenEndpoint: 'https://auth.example/token',
    });
    const { headers } = sign(provider, oauthCredential);
    expect(headers.get('X-Plntr-App-Id')).toBe('app-1');
    expect(headers.get('X-Plntr-App-Token')).toBe('access-123');
    expect(provider.credentialKinds).toEqual(['api_token', 'oauth2']);
  });

  it('requires the undocumented OAuth URLs instead of inventing them', () => {
    expect(() => providers.iguide({ clientId: 'app-1', clientSecret: 's' })).toThrowError(
      expect.objectContaining({ code: 'configuration_error', providerId: 'iguide' }),
    );
  });

  it('knows that iguide.rw includes iguide.ro', () => {
    const provider = providers.iguide();
    expect(hasScope(provider, ['iguide.rw'], 'iguide.ro')).toBe(true);
    expect(hasScope(provider, ['iguide.ro'], 'iguide.rw')).toBe(false);
    expect([...effectiveScopes(provider, ['iguide.rw', 'iguide.list'])].sort()).toEqual(['iguide.list', 'iguide.ro', 'iguide.rw']);
  });

  it('maps error bodies and fractional Retry-After', () => {
    const provider = providers.iguide();
    expect(provider.parseError?.(401, { code: 'unauthenticated' }, new Headers())?.code).toBe('unauthenticated');
    expect(
      provider.parseError?.(403, { code: 'permission_denied', message: 'requires scope iguide.ro' }, new Headers()),
    ).toEqual({ code: 'permission_denied', message: 'requires scope iguide.ro', requiredScope: 'iguide.ro' });
    expect(provider.parseError?.(429, { code: 'resource_exhausted' }, new Headers())?.code).toBe('rate_limited');
    expect(provider.parseRetryAfter?.(new Headers({ 'Retry-After': '0.52' }))).toBe(0.52);
  });

  it('rejects pasted values with whitespace or smart quotes, naming the field only', () => {
    const provider = providers.iguide();
    const problem = provider.validateCredential?.({ kind: 'api_token', tokenId: 'abc', tokenValue: ' secret-value ' });
    expect(problem).toBe('the token value has leading or trailing whitespace');
    expect(problem).not.toMatch(/secret-value/);
    expect(provider.validateCredential?.({ kind: 'api_token', tokenId: '\u201Cabc\u201D', tokenValue: 'v' })).toMatch(/smart quotes/);
    expect(provider.validateCredential?.({ kind: 'api_token', tokenId: 'abc', tokenValue: 'v' })).toBeUndefined();
  });
});

describe('Plannr provider', () => {
  it('signs with Bearer, the account uuid and Accept: application/json', () => {
    const provider = providers.plannr({ clientId: 'c', clientSecret: 's' });
    const { headers } = sign(provider, oauthCredential, { accountUuid: 'acc-1' });
    expect(headers.get('Authorization')).toBe('Bearer access-123');
    expect(headers.get('X-PLANNR-ACCOUNT-UUID')).toBe('acc-1');
    expect(headers.get('Accept')).toBe('application/json');
  });

  it('defaults its OAuth endpoints under the base URL, scope *, rotation and 6-month refresh tokens', () => {
    const provider = providers.plannr({ clientId: 'c', clientSecret: 's', baseUrl: 'http://127.0.0.1:9/plannr' });
    expect(provider.oauth2?.authorizationEndpoint).toBe('http://127.0.0.1:9/plannr/oauth/authorize');
    expect(provider.oauth2?.tokenEndpoint).toBe('http://127.0.0.1:9/plannr/oauth/token');
    expect(provider.oauth2?.defaultScopes).toEqual(['*']);
    expect(provider.oauth2?.rotatesRefreshTokens).toBe(true);
    expect(provider.oauth2?.refreshTokenLifetimeSeconds).toBeGreaterThan(170 * 86400);
    expect(provider.allowedHosts).toEqual(['127.0.0.1:9']);
  });

  it('parses both error shapes', () => {
    const provider = providers.plannr();
    expect(provider.parseError?.(401, { message: 'Unauthenticated.' }, new Headers())).toEqual({
      code: 'unauthenticated',
      message: 'Unauthenticated.',
    });
    expect(
      provider.parseError?.(401, { error: 'invalid_token', error_description: 'expired', hint: '', message: 'x' }, new Headers())?.message,
    ).toBe('expired');
  });
});

describe('Planday provider', () => {
  it('is a public client with openid offline_access, Bearer and X-ClientId', () => {
    const provider = providers.planday({ clientId: 'pd-client' });
    expect(provider.oauth2?.clientAuthentication).toBe('none');
    expect(provider.oauth2?.clientSecret).toBeUndefined();
    expect(provider.oauth2?.requiredScopes).toEqual(['openid', 'offline_access']);
    expect(provider.oauth2?.tokenEndpoint).toBe('https://id.planday.com/connect/token');
    expect(provider.oauth2?.revocationEndpoint).toBe('https://id.planday.com/connect/revocation');
    const { headers } = sign(provider, oauthCredential);
    expect(headers.get('Authorization')).toBe('Bearer access-123');
    expect(headers.get('X-ClientId')).toBe('pd-client');
    expect(provider.allowedHosts).toEqual(['openapi.planday.com']);
  });

  it('needs a client id', () => {
    expect(() => providers.planday({ clientId: '' })).toThrow(AuthKitError);
  });
});

describe('generic factories', () => {
  it('oauth2() with API keys signs each credential kind its own way', () => {
    const provider = providers.oauth2({
      id: 'acme',
      baseUrl: 'https://api.acme.test',
      clientId: 'c',
      clientSecret: 's',
      tokenEndpoint: 'https://api.acme.test/oauth2/token',
      apiKey: { header: 'X-API-Key' },
    });
    expect(provider.oauth2?.grants).toEqual(['client_credentials']);
    expect(sign(provider, oauthCredential).headers.get('Authorization')).toBe('Bearer access-123');
    const keyed = sign(provider, { kind: 'api_key', key: new Secret('k-1') }).headers;
    expect(keyed.get('X-API-Key')).toBe('k-1');
    expect(keyed.get('Authorization')).toBeNull();
  });

  it('apiKey() can use a query parameter', () => {
    const provider = providers.apiKey({ id: 'legacy', baseUrl: 'https://legacy.test/api', queryParameter: 'api_key' });
    const { url, headers } = sign(provider, { kind: 'api_key', key: new Secret('k-2') });
    expect(url.searchParams.get('api_key')).toBe('k-2');
    expect(url.href).toBe('https://legacy.test/api/things?api_key=k-2');
    expect(headers.get('X-API-Key')).toBeNull();
  });

  it('bearerToken() sends a PAT as Bearer', () => {
    const provider = providers.bearerToken({ id: 'pat-api', baseUrl: 'https://pat.test' });
    expect(sign(provider, { kind: 'personal_access_token', token: new Secret('pat-1') }).headers.get('Authorization')).toBe('Bearer pat-1');
  });

  it('rejects a malformed URL option with a configuration_error naming the option', () => {
    expect(() => providers.bearerToken({ id: 'x', baseUrl: 'not a url' })).toThrowError(/baseUrl/);
  });
});

describe('Retry-After', () => {
  it('reads delay-seconds, fractions and HTTP dates', () => {
    expect(parseRetryAfterHeader(new Headers({ 'Retry-After': '3' }))).toBe(3);
    expect(parseRetryAfterHeader(new Headers({ 'Retry-After': '0.25' }))).toBe(0.25);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfterHeader(new Headers({ 'Retry-After': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5);
    expect(parseRetryAfterHeader(new Headers({ 'Retry-After': 'soon' }))).toBeUndefined();
    expect(parseRetryAfterHeader(new Headers())).toBeUndefined();
  });
});

describe('verification failures and unreachable providers', () => {
  it('blames the credential only for a 4xx', async () => {
    const { verificationFailure } = await import('../src/providers/verify');
    expect(verificationFailure('acme', 400).code).toBe('invalid_credential');
    expect(verificationFailure('acme', 404).code).toBe('invalid_credential');
    expect(verificationFailure('acme', 503).code).toBe('provider_unavailable');
    expect(verificationFailure('acme', 503).status).toBe(503);
  });

  it('turns a refused connection into provider_unavailable, not a raw TypeError', async () => {
    const { createServer } = await import('node:net');
    const { createAuthKit } = await import('../src/index');
    // A port that was just free: nothing listens on it.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const authkit = createAuthKit({ providers: [providers.bearerToken({ id: 'down', baseUrl: `http://127.0.0.1:${port}/api` })] });
    const connection = await authkit.connectStatic({
      providerId: 'down',
      ownerId: 'u1',
      credential: { kind: 'personal_access_token', token: 'pat-unreachable-123' },
    });
    const failure = await authkit.client('down', connection.id).fetch('/things').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthKitError);
    expect(failure).toMatchObject({ code: 'provider_unavailable', providerId: 'down' });
    expect(String((failure as Error).message)).not.toContain('pat-unreachable-123');
  });
});

describe('Planday key set', () => {
  it('derives the JWKS URL from the issuer unless given', () => {
    expect(providers.planday({ clientId: 'c' }).oauth2?.jwksUri).toBe('https://id.planday.com/.well-known/openid-configuration/jwks');
    expect(providers.planday({ clientId: 'c', issuer: 'http://127.0.0.1:9/planday/id' }).oauth2?.jwksUri).toBe(
      'http://127.0.0.1:9/planday/id/.well-known/openid-configuration/jwks',
    );
    expect(providers.planday({ clientId: 'c', jwksUri: 'https://keys.test/jwks' }).oauth2?.jwksUri).toBe('https://keys.test/jwks');
  });
});
