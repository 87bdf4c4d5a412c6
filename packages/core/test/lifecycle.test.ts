import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore, ReauthorizationRequiredError, Secret, TokenEndpointError } from '../src/index';
import type { AuthKit, AuthKitEvent, ConnectionRecord, OAuth2Credential } from '../src/index';
import { caught, startHarness } from './helpers/sandbox';
import type { Harness } from './helpers/sandbox';

const DAY = 24 * 60 * 60_000;
let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

async function credentialOf(id: string, kit: AuthKit = h.authkit): Promise<OAuth2Credential> {
  const record = await kit.readConnectionRecord(id);
  if (record?.credential.kind !== 'oauth2') throw new Error('not an oauth2 connection');
  return record.credential;
}

/** Moves the sandbox clock to just inside the refresh skew of the connection's access token. */
async function expire(id: string, kit: AuthKit = h.authkit): Promise<void> {
  const { expiresAt } = await credentialOf(id, kit);
  h.sandbox.clock.advance((expiresAt ?? 0) - h.sandbox.now() - 30_000);
}

function collect(types: AuthKitEvent['type'][]): AuthKitEvent[] {
  const events: AuthKitEvent[] = [];
  for (const type of types) h.authkit.on(type, (event) => events.push(event));
  return events;
}

describe('token lifecycle', () => {
  it('refreshes ahead of expiry (skew) and persists the rotated refresh token before using the new access token', async () => {
    const connection = await h.connectOAuth('plannr', 'user-1');
    const before = await credentialOf(connection.id);
    const events = collect(['token.refreshed']);
    h.authkit.on('token.refreshed', () => {
      throw new Error('a buggy listener must not break the refresh');
    });
    const client = h.authkit.client('plannr', connection.id);
    expect((await client.fetch('/api/v1/contacts')).status).toBe(200);
    expect(h.sandbox.stats.count('plannr.token', { grantType: 'refresh_token' })).toBe(0);

    await expire(connection.id);
    expect((await client.fetch('/api/v1/contacts')).status).toBe(200);
    expect(h.sandbox.stats.count('plannr.token', { grantType: 'refresh_token' })).toBe(1);
    const after = await credentialOf(connection.id);
    expect(after.refreshToken?.equals(before.refreshToken)).toBe(false);
    expect(after.accessToken.equals(before.accessToken)).toBe(false);
    // The access token the API saw is the one stored together with the rotated refresh token.
    expect(h.sandbox.requests.at(-1)?.headers['authorization']).toBe(`Bearer ${after.accessToken.reveal()}`);
    expect(events).toEqual([expect.objectContaining({ type: 'token.refreshed', rotated: true, connectionId: connection.id })]);
  });

  it('the refresh skew is configurable', async () => {
    const kit = h.makeAuthKit({ refreshSkewMs: 10 * 60_000 });
    const connection = await h.connectOAuth('oauth2', 'user-1', kit);
    const { expiresAt } = await credentialOf(connection.id, kit);
    h.sandbox.clock.advance((expiresAt ?? 0) - h.sandbox.now() - 11 * 60_000);
    await kit.client('oauth2', connection.id).fetch('/v1/me');
    expect(h.sandbox.stats.count('oauth2.token', { grantType: 'refresh_token' })).toBe(0);
    h.sandbox.clock.advance(2 * 60_000); // now 9 minutes before expiry: inside the 10-minute skew
    await kit.client('oauth2', connection.id).fetch('/v1/me');
    expect(h.sandbox.stats.count('oauth2.token', { grantType: 'refresh_token' })).toBe(1);
  });

  it('omitted refresh token: a refresh response without refresh_token keeps the old one', async () => {
    h.sandbox.settings.plannr.rotation = 'omit';
    const connection = await h.connectOAuth('plannr', 'user-1');
    const before = await credentialOf(connection.id);
    await expire(connection.id);
    await h.authkit.client('plannr', connection.id).fetch('/api/v1/contacts');
    const after = await credentialOf(connection.id);
    expect(after.accessToken.equals(before.accessToken)).toBe(false);
    expect(after.refreshToken?.equals(before.refreshToken)).toBe(true);
    expect(after.refreshTokenExpiresAt).toBe(before.refreshTokenExpiresAt);
    await expire(connection.id);
    expect((await h.authkit.client('plannr', connection.id).fetch('/api/v1/contacts')).status).toBe(200);
  });

  it('token endpoint down (5xx), reset, timeout and malformed token response are retried and never mark the connection dead', async () => {
    const connection = await h.connectOAuth('plannr', 'user-1');
    const failures = collect(['token.refresh_failed', 'connection.reauthorization_required']);
    const client = h.authkit.client('plannr', connection.id);
    for (const kind of ['5xx', 'reset', 'malformed'] as const) {
      await expire(connection.id);
      h.sandbox.faults.inject('plannr.token', { kind, times: 2 });
      expect((await client.fetch('/api/v1/contacts')).status).toBe(200);
    }
    expect(failures).toHaveLength(6);
    expect(failures.every((e) => e.type === 'token.refresh_failed' && e.transient)).toBe(true);

    await expire(connection.id);
    h.sandbox.faults.inject('plannr.token', { kind: '5xx' });
    const down = await caught(client.fetch('/api/v1/contacts'));
    expect(down).toBeInstanceOf(TokenEndpointError);
    expect(down).toMatchObject({ code: 'token_endpoint_error', transient: true, status: 503, providerId: 'plannr' });
    expect((await h.authkit.getConnection(connection.id))?.status).toBe('active');
    h.sandbox.faults.clear();
    expect((await client.fetch('/api/v1/contacts')).status).toBe(200);
  });

  it('token endpoint timeout is transient and retried', async () => {
    const kit = h.makeAuthKit({ retry: { attempts: 2, baseDelayMs: 5, timeoutMs: 300 } });
    const connection = await h.connectOAuth('plannr', 'user-1', kit);
    await expire(connection.id, kit);
    h.sandbox.faults.inject('plannr.token', { kind: 'timeout', times: 1 });
    expect((await kit.client('plannr', connection.id).fetch('/api/v1/contacts')).status).toBe(200);
    expect(h.sandbox.stats.count('plannr.token', { grantType: 'refresh_token' })).toBe(2);
  });

  it('invalid_grant: the record is re-read, then set to reauthorization_required with an event; later calls never reach the provider', async () => {
    const connection = await h.connectOAuth('plannr', 'user-1');
    const events = collect(['connection.reauthorization_required']);
    h.sandbox.clock.advance(181 * DAY); // past Plannr's 6-month refresh-token lifetime
    const client = h.authkit.client('plannr', connection.id);
    const error = await caught(client.fetch('/api/v1/contacts'));
    expect(error).toBeInstanceOf(ReauthorizationRequiredError);
    expect(error).toMatchObject({ code: 'reauthorization_required', providerId: 'plannr' });
    expect(events).toEqual([expect.objectContaining({ reason: 'invalid_grant', ownerId: 'user-1' })]);
    expect((await h.authkit.getConnection(connection.id))?.status).toBe('reauthorization_required');
    const seen = h.sandbox.requests.length;
    expect(await caught(client.fetch('/api/v1/contacts'))).toBeInstanceOf(ReauthorizationRequiredError);
    expect(h.sandbox.requests.length).toBe(seen);
    // Authorizing again brings it back.
    expect((await h.connectOAuth('plannr', 'user-1')).status).toBe('active');
    expect((await client.fetch('/api/v1/contacts')).status).toBe(200);
  });

  it('rotation by a sibling: invalid_grant with a stale refresh token adopts the sibling’s rotated tokens', async () => {
    h.sandbox.settings.plannr.reuseRevokesGrant = false;
    const store = new MemoryStore({ now: () => h.sandbox.now() });
    const sibling = h.makeAuthKit({ store });
    // A worker whose store does not share locks with the sibling (the case the re-read guards).
    const unlocked = {
      get: (id: string) => store.get(id),
      put: (record: ConnectionRecord, version: number) => store.put(record, version),
      delete: (id: string) => store.delete(id),
      list: () => store.list(),
      putEphemeral: (k: string, v: string, t: number) => store.putEphemeral(k, v, t),
      takeEphemeral: (k: string) => store.takeEphemeral(k),
      lock: async (key: string) => ({ key, extend: async () => true, release: async () => undefined }),
    };
    let siblingRefresh: Promise<unknown> | undefined;
    const worker = h.makeAuthKit({
      store: unlocked,
      fetch: async (input, init) => {
        const body = init?.body instanceof URLSearchParams ? init.body : undefined;
        if (body?.get('grant_type') === 'refresh_token' && siblingRefresh === undefined) {
          siblingRefresh = sibling.client('plannr', connection.id).refresh();
          await siblingRefresh; // the sibling rotates first; our request carries the old refresh token
        }
        return fetch(input, init);
      },
    });
    const connection = await h.connectOAuth('plannr', 'user-1', sibling);
    await expire(connection.id, sibling);
    const response = await worker.client('plannr', connection.id).fetch('/api/v1/contacts');
    expect(response.status).toBe(200);
    const stored = await store.get(connection.id);
    expect(stored?.status).toBe('active');
    expect(h.sandbox.stats.count('plannr.token', { grantType: 'refresh_token' })).toBe(2);
    expect(h.sandbox.requests.filter((r) => r.endpointKey === 'plannr.token').map((r) => r.status)).toEqual([200, 200, 400]);
  });

  it('401 then retry: one forced refresh and one replay of the request', async () => {
    const connection = await h.connectOAuth('plannr', 'user-1');
    const record = (await h.authkit.readConnectionRecord(connection.id)) as ConnectionRecord;
    const credential = record.credential as OAuth2Credential;
    await h.authkit.store.put({ ...record, credential: { ...credential, accessToken: new Secret('revoked-access-token') } }, record.version);
    const client = h.authkit.client('plannr', connection.id);
    const response = await client.fetch(new Request(`${h.sandbox.endpoints.plannr.baseUrl}/api/v1/contacts`));
    expect(response.status).toBe(200);
    const api = h.sandbox.requests.filter((r) => r.endpointKey === 'plannr.api' && r.path.endsWith('/contacts'));
    expect(api.map((r) => r.status)).toEqual([401, 200]);
    expect(h.sandbox.stats.count('plannr.token', { grantType: 'refresh_token' })).toBe(1);
  });

  it('a persistent 401 on a static credential is unauthenticated, without the token in the error', async () => {
    const { token } = h.sandbox.oauth2.createPersonalAccessToken();
    const connection = await h.authkit.connectStatic({ providerId: 'oauth2', ownerId: 'u', credential: { kind: 'personal_access_token', token } });
    const record = (await h.authkit.readConnectionRecord(connection.id)) as ConnectionRecord;
    await h.authkit.store.put({ ...record, credential: { kind: 'personal_access_token', token: new Secret('dead-token') } }, record.version);
    const error = await caught(h.authkit.client('oauth2', connection.id).fetch('/v1/me'));
    expect(error).toMatchObject({ code: 'unauthenticated', status: 401, providerId: 'oauth2' });
    expect(error.message).not.toContain('dead-token');
    expect(JSON.stringify(error)).not.toContain('dead-token');
  });

  it('announces a known refresh-token expiry (Plannr: 6 months) once, ahead of time', async () => {
    const kit = h.makeAuthKit({ refreshTokenExpiryWarningMs: 14 * DAY });
    const events: AuthKitEvent[] = [];
    kit.on('refresh_token.expiring', (e) => events.push(e));
    const connection = await h.connectOAuth('plannr', 'user-1', kit);
    h.sandbox.settings.plannr.rotation = 'omit'; // refreshes keep the same refresh token (and its expiry)
    const client = kit.client('plannr', connection.id);
    await client.fetch('/api/v1/contacts');
    expect(events).toHaveLength(0);
    h.sandbox.clock.advance(170 * DAY);
    await client.fetch('/api/v1/contacts');
    await client.fetch('/api/v1/contacts');
    expect(events).toEqual([
      expect.objectContaining({ type: 'refresh_token.expiring', connectionId: connection.id, expiresAt: connection.refreshTokenExpiresAt }),
    ]);
  });

  it('refresh storm: 1,000 concurrent fetches on one expired Plannr connection make exactly one refresh', async () => {
    h.sandbox.settings.rateLimits.plannrPerMinute = 100_000;
    const connection = await h.connectOAuth('plannr', 'user-1');
    await expire(connection.id);
    h.sandbox.faults.inject('plannr.token', { kind: 'latency', latencyMs: 100, times: 1 });
    const client = h.authkit.client('plannr', connection.id);
    const results = await Promise.allSettled(Array.from({ length: 1000 }, () => client.fetch('/api/v1/contacts')));
    const failures = results.filter((r) => r.status === 'rejected' || r.value.status !== 200);
    expect(failures).toHaveLength(0);
    expect(h.sandbox.stats.count('plannr.token', { grantType: 'refresh_token' })).toBe(1);
    expect((await client.fetch('/api/v1/contacts')).status).toBe(200);
  }, 60_000);

  it('two AuthKit instances sharing one store (two workers) make one refresh', async () => {
    const store = new MemoryStore({ now: () => h.sandbox.now() });
    const a = h.makeAuthKit({ store });
    const b = h.makeAuthKit({ store });
    h.sandbox.settings.rateLimits.plannrPerMinute = 100_000;
    const connection = await h.connectOAuth('plannr', 'user-1', a);
    await expire(connection.id, a);
    h.sandbox.faults.inject('plannr.token', { kind: 'latency', latencyMs: 100, times: 1 });
    const calls = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? a : b).client('plannr', connection.id).fetch('/api/v1/contacts'));
    const results = await Promise.allSettled(calls);
    expect(results.filter((r) => r.status === 'rejected' || r.value.status !== 200)).toHaveLength(0);
    expect(h.sandbox.stats.count('plannr.token', { grantType: 'refresh_token' })).toBe(1);
  }, 60_000);

  it('client.refresh() forces a refresh; static credentials never refresh', async () => {
    const connection = await h.connectOAuth('oauth2', 'user-1');
    const refreshed = await h.authkit.client('oauth2', connection.id).refresh();
    expect(refreshed.version).toBe(connection.version + 1);
    expect(h.sandbox.stats.count('oauth2.token', { grantType: 'refresh_token' })).toBe(1);
    const { token } = h.sandbox.oauth2.createPersonalAccessToken();
    const pat = await h.authkit.connectStatic({ providerId: 'oauth2', ownerId: 'u', credential: { kind: 'personal_access_token', token } });
    expect((await h.authkit.client('oauth2', pat.id).refresh()).version).toBe(pat.version);
  });
});
