import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthKit } from '@authkit/core';
import { DEMO_CLIENTS } from '@authkit/sandbox';
import type { Sandbox } from '@authkit/sandbox';
import type { AuthOptions, Session } from 'next-auth';
import { createAuthKitHelpers } from '../src/index';
import { startWorld } from './support/setup';

let sandbox: Sandbox;
let authkit: AuthKit;
let closeWorld: () => Promise<void>;
let current: Session | null = null;
const OWNER = 'demo:helpers';

beforeAll(async () => {
  const world = await startWorld();
  ({ sandbox, authkit } = world);
  closeWorld = world.close;
});

afterAll(async () => {
  await closeWorld?.();
});

function helpers() {
  // getSession stands in for getServerSession, which needs a Next.js request scope.
  return createAuthKitHelpers(authkit, {} as AuthOptions, { getSession: async () => current });
}

describe('createAuthKitHelpers', () => {
  it('hands out a signed client for the signed-in user and lists connections without secrets', async () => {
    const portal = sandbox.planday.createPortal({ name: 'Helpers portal' });
    const { refreshToken } = sandbox.planday.mintRefreshToken({ portalId: portal.portalId, clientId: DEMO_CLIENTS.planday.clientId });
    await authkit.connectRefreshToken({ providerId: 'planday', ownerId: OWNER, refreshToken });
    current = { expires: '2999-01-01T00:00:00.000Z', authkit: { ownerId: OWNER, connections: [] } };

    const client = await helpers().getAuthKitClient('planday');
    const response = await client.fetch('hr/v1/Departments');
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain('Kitchen');

    const connections = await helpers().getConnections();
    expect(connections.map((c) => [c.providerId, c.status])).toEqual([['planday', 'active']]);
    expect(JSON.stringify(connections)).not.toContain(refreshToken);
  });

  it('throws typed errors: signed out, not connected, reauthorization required', async () => {
    current = null;
    await expect(helpers().getAuthKitClient('planday')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await helpers().getConnections()).toEqual([]);

    current = { expires: '2999-01-01T00:00:00.000Z', authkit: { ownerId: OWNER, connections: [] } };
    await expect(helpers().getAuthKitClient('plannr')).rejects.toMatchObject({ code: 'connection_not_found' });

    // Revoke the portal's grant at Planday: the next refresh ends in reauthorization_required.
    const record = await authkit.readConnectionRecord(authkit.connectionIdFor('planday', OWNER));
    const refreshToken = record?.credential.kind === 'oauth2' ? record.credential.refreshToken?.reveal() : undefined;
    expect(refreshToken).toBeDefined();
    const revoked = await fetch(sandbox.endpoints.planday.revocationEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: DEMO_CLIENTS.planday.clientId, token: refreshToken ?? '', token_type_hint: 'refresh_token' }),
    });
    expect(revoked.status).toBe(200);
    const client = await helpers().getAuthKitClient('planday');
    await expect(client.refresh()).rejects.toMatchObject({ code: 'reauthorization_required' });
    await expect(helpers().getAuthKitClient('planday')).rejects.toMatchObject({ code: 'reauthorization_required' });
  });
});
