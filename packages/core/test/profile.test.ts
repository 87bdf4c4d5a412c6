import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '@authkit/sandbox';
import { AuthKitError, createAuthKit, MemoryStore, profileSourceFor, providers } from '../src/index';
import { profileFromUserBody } from '../src/fetch/profile';
import { caught, startHarness, type Harness } from './helpers/sandbox';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const dana = { id: '7d0c8a2e-5b1f-4c3d-9e8a-1f2b3c4d5e6f', name: 'Dana Demo', email: 'dana@plannr.test' };

describe('who a credential belongs to (client.profile)', () => {
  it('Plannr: GET /api/v1/logins, signed like any Plannr call, names the user', async () => {
    const connection = await h.connectOAuth('plannr', 'user-profile');
    expect(await h.authkit.client('plannr', connection.id).profile()).toEqual(dana);
    const sent = h.sandbox.requests.at(-1);
    expect(sent).toMatchObject({ method: 'GET', path: '/plannr/api/v1/logins' });
    expect(sent?.headers['authorization']).toMatch(/^Bearer /);
  });

  it('a token not stored anywhere (a sign-in in progress): the transient client asks the same endpoint', async () => {
    const connection = await h.connectOAuth('plannr', 'user-transient');
    const record = await h.authkit.readConnectionRecord(connection.id);
    const accessToken = record!.credential.kind === 'oauth2' ? record!.credential.accessToken.reveal() : '';
    expect(await h.authkit.transientClient('plannr', { kind: 'oauth2', accessToken }).profile()).toEqual(dana);
  });

  it('a refused token is the provider refusing it (HTTP 401 → unauthenticated), not an empty profile', async () => {
    const error = await caught(h.authkit.transientClient('plannr', { kind: 'oauth2', accessToken: 'not-a-token' }).profile());
    expect(error).toBeInstanceOf(AuthKitError);
    expect(error.code).toBe('unauthenticated');
    expect(error.message).not.toContain('not-a-token');
  });

  it('a generic OAuth2 provider with userInfoEndpoint (relative to its base URL)', async () => {
    const oauth2 = providers.oauth2({ id: 'acme', ...h.sandbox.endpoints.oauth2, ...DEMO_CLIENTS.oauth2, userInfoEndpoint: '/v1/me' });
    expect(profileSourceFor(oauth2)).toEqual({ kind: 'userinfo', url: `${h.sandbox.endpoints.oauth2.baseUrl}/v1/me` });
    const kit = createAuthKit({ providers: [oauth2], store: new MemoryStore() });
    const { token } = h.sandbox.oauth2.createPersonalAccessToken();
    expect(await kit.transientClient('acme', { kind: 'oauth2', accessToken: token }).profile()).toEqual({
      id: 'u-1',
      name: 'Olive OAuth',
      email: 'olive@example.test',
    });
  });

  it("iGUIDE has no user endpoint: its verify call's subject (the token's app id)", async () => {
    const token = h.sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
    expect(profileSourceFor(h.authkit.provider('iguide'))).toEqual({ kind: 'verify' });
    const client = h.authkit.transientClient('iguide', { kind: 'api_token', tokenId: token.id, tokenValue: token.token });
    expect((await client.profile()).id).toBe(token.id);
  });

  it('Planday names its user in the id_token, which only its receiver can check: a configuration error, no call', async () => {
    expect(profileSourceFor(h.authkit.provider('planday'))).toEqual({ kind: 'id_token', jwksEndpoint: h.authkit.provider('planday').oauth2?.jwksUri });
    const before = h.sandbox.requests.length;
    const error = await caught(h.authkit.transientClient('planday', { kind: 'oauth2', accessToken: 'x' }).profile());
    expect(error.code).toBe('configuration_error');
    expect(h.sandbox.requests.length).toBe(before);
  });
});

describe('profileFromUserBody', () => {
  const provider = { id: 'p', name: 'P' };
  it('reads Laravel {data}, {user} and bare OIDC shapes, numbers as ids, first + last names', () => {
    expect(profileFromUserBody(provider, { data: { id: 7, first_name: 'Ada', last_name: 'L' } })).toEqual({ id: '7', name: 'Ada L' });
    expect(profileFromUserBody(provider, { data: [{ id: 1 }], user: { uuid: 'u', email: 'e@x' } })).toEqual({ id: 'u', email: 'e@x' });
    expect(profileFromUserBody(provider, { sub: 's', preferred_username: 'sam' })).toEqual({ id: 's', name: 'sam' });
  });

  it('an answer that names nobody is invalid_callback', () => {
    for (const body of [null, [], 'text', { data: { name: 'no id' } }, { id: '' }]) {
      expect(() => profileFromUserBody(provider, body)).toThrow(expect.objectContaining({ code: 'invalid_callback' }));
    }
  });
});
