import { describe, expect, expectTypeOf, it } from 'vitest';
import { createAuthKit, providers } from '@authkit/core';
import type { AuthOptions } from 'next-auth';
import type { OAuthConfig, Provider } from 'next-auth/providers/index';
import { authkitProviders } from '../src/index';
import type { AuthKitProfile } from '../src/index';

// Endpoints only: these tests look at the provider objects, not at a server.
const authkit = createAuthKit({
  providers: [
    providers.plannr({ clientId: 'plannr-id', clientSecret: 'plannr-secret', baseUrl: 'https://plannr.test' }),
    providers.planday({ clientId: 'planday-id', scopes: ['department:read'], identityUrl: 'https://id.planday.test', baseUrl: 'https://api.planday.test' }),
    providers.iguide({
      clientId: 'iguide-id',
      clientSecret: 'iguide-secret',
      authorizationEndpoint: 'https://iguide.test/oauth/authorize',
      tokenEndpoint: 'https://iguide.test/oauth/token',
    }),
    providers.oauth2({
      id: 'acme',
      name: 'Acme',
      baseUrl: 'https://api.acme.test',
      clientId: 'acme-id',
      clientSecret: 'acme-secret',
      authorizationEndpoint: 'https://acme.test/authorize',
      tokenEndpoint: 'https://acme.test/token',
      userInfoEndpoint: 'https://api.acme.test/v1/me',
      pkce: false,
      scopes: ['read'],
    }),
    providers.oauth2({ id: 'machine', baseUrl: 'https://m.test', clientId: 'm', clientSecret: 's', tokenEndpoint: 'https://m.test/token' }),
  ],
});

function byId(id: string) {
  const [provider] = authkitProviders(authkit, { providers: [id === 'iguide' ? { id, allowAppIdentity: true } : id] });
  if (!provider) throw new Error('no provider');
  return provider;
}

describe('authkitProviders', () => {
  it('returns next-auth OAuth provider objects that next-auth options accept', () => {
    const list = authkitProviders(authkit, { providers: ['plannr', 'planday', { id: 'iguide', allowAppIdentity: true }, 'acme'] });
    expectTypeOf(list).toEqualTypeOf<OAuthConfig<AuthKitProfile>[]>();
    expectTypeOf(list[0]!).toMatchTypeOf<Provider>();
    const options: AuthOptions = { providers: list };
    expect(options.providers.map((p) => [p.id, p.type])).toEqual([
      ['plannr', 'oauth'],
      ['planday', 'oauth'],
      ['iguide', 'oauth'],
      ['acme', 'oauth'],
    ]);
  });

  it('takes Plannr endpoints, secret post, PKCE + state and the logins profile from the core provider', () => {
    const plannr = byId('plannr');
    expect(plannr).toMatchObject({
      clientId: 'plannr-id',
      clientSecret: 'plannr-secret',
      authorization: { url: 'https://plannr.test/oauth/authorize', params: { scope: '*' } },
      token: 'https://plannr.test/oauth/token',
      userinfo: { url: 'https://plannr.test/api/v1/logins' },
      checks: ['pkce', 'state'],
      idToken: false,
      client: { token_endpoint_auth_method: 'client_secret_post' },
    });
  });

  it('makes Planday a public OpenID client: no secret, openid offline_access, id_token checked against the JWKS', () => {
    const planday = byId('planday');
    expect(planday.clientSecret).toBeUndefined();
    expect(planday).toMatchObject({
      issuer: 'https://id.planday.test',
      authorization: { url: 'https://id.planday.test/connect/authorize', params: { scope: 'openid offline_access department:read' } },
      token: 'https://id.planday.test/connect/token',
      client: { token_endpoint_auth_method: 'none' },
      checks: ['pkce', 'state'],
      idToken: true,
      jwks_endpoint: 'https://id.planday.test/.well-known/openid-configuration/jwks',
    });
    expect(planday.profile({ sub: 'admin@portal-9' }, {})).toMatchObject({ id: 'planday:admin@portal-9' });
  });

  it('refuses iGUIDE as a sign-in provider unless app identity is accepted explicitly', () => {
    expect(() => authkitProviders(authkit, { providers: ['iguide'] })).toThrow(expect.objectContaining({ code: 'configuration_error' }));
    const iguide = byId('iguide');
    expect(iguide).toMatchObject({
      authorization: { url: 'https://iguide.test/oauth/authorize', params: { scope: 'iguide.list iguide.ro' } },
      token: 'https://iguide.test/oauth/token',
      idToken: false,
    });
  });

  it('builds a generic oauth2() provider with state only when PKCE is off, and namespaces user ids', async () => {
    const acme = byId('acme');
    expect(acme).toMatchObject({ checks: ['state'], userinfo: { url: 'https://api.acme.test/v1/me' }, authorization: { params: { scope: 'read' } } });
    expect(await acme.profile({ id: '42', name: 'Ada' }, {})).toEqual({ id: 'acme:42', name: 'Ada', email: null, image: null });
  });

  it('refuses providers without an authorization-code flow', () => {
    expect(() => authkitProviders(authkit, { providers: ['machine'] })).toThrow(expect.objectContaining({ code: 'configuration_error' }));
    expect(() => authkitProviders(authkit, { providers: ['nope'] })).toThrow(expect.objectContaining({ code: 'configuration_error' }));
  });
});
