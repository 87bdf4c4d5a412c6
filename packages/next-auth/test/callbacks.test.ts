import { describe, expect, it } from 'vitest';
import { createAuthKit, MemoryStore, providers } from '@authkit/core';
import type { ConnectionFilter } from '@authkit/core';
import { authkitCallbacks, withAuthKit } from '../src/index';

type JwtParams = Parameters<ReturnType<typeof authkitCallbacks>['jwt']>[0];

/** A memory store whose `list` can be made to fail, as a store outage would. */
class FlakyStore extends MemoryStore {
  failList = false;
  override async list(filter?: ConnectionFilter) {
    if (this.failList) throw new Error('store unavailable');
    return super.list(filter);
  }
}

function world() {
  const store = new FlakyStore();
  const authkit = createAuthKit({
    store,
    providers: [providers.plannr({ clientId: 'id', clientSecret: 'secret', baseUrl: 'http://127.0.0.1:9' })],
  });
  return { store, authkit, callbacks: authkitCallbacks(authkit) };
}

const user = { id: 'plannr:u1' };

describe('authkitCallbacks / withAuthKit', () => {
  it('refuses database sessions, whose adapter would keep the tokens', () => {
    const { authkit } = world();
    expect(() => withAuthKit({ providers: [], session: { strategy: 'database' } }, authkit)).toThrow(
      expect.objectContaining({ code: 'configuration_error' }),
    );
    expect(withAuthKit({ providers: [] }, authkit).session?.strategy).toBe('jwt');
  });

  it('fails the sign-in when the tokens cannot be saved (no session without its tokens)', async () => {
    const { authkit, callbacks } = world();
    // The provider's user endpoint (port 9) is unreachable, so saving the Plannr connection fails.
    const params = {
      token: { sub: user.id },
      user,
      account: { provider: 'plannr', type: 'oauth', providerAccountId: 'u1', access_token: 'at-1', refresh_token: 'rt-1', expires_at: 2_000_000_000 },
    } as unknown as JwtParams;
    await expect(callbacks.jwt(params)).rejects.toThrow();
    expect(await authkit.listConnections({ ownerId: user.id })).toEqual([]);
  });

  it('keeps the last known references when the store is briefly unavailable, and never the tokens', async () => {
    const { store, callbacks } = world();
    const known = { ownerId: user.id, connections: [{ connectionId: 'c1', providerId: 'plannr', status: 'active' as const }] };
    store.failList = true;
    const token = await callbacks.jwt({ token: { sub: user.id, authkit: known, access_token: 'leak', accessToken: 'leak' }, user, account: null } as unknown as JwtParams);
    expect(token.authkit).toEqual(known);
    expect(token).not.toHaveProperty('access_token');
    expect(token).not.toHaveProperty('accessToken');

    store.failList = false;
    const fresh = await callbacks.jwt({ token, user, account: null } as unknown as JwtParams);
    expect(fresh.authkit).toEqual({ ownerId: user.id, connections: [] });
  });
});
