// Provider failures seen through requireConnection routes and authkitErrorHandler: what an
// API client of the app receives when the provider refuses, throttles, is down, or the
// connection can no longer be renewed.
import { DEMO_CLIENTS } from '@authkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startHarness, type Harness } from './harness';

let h: Harness;
let n = 0;
const owner = (): string => `errors-user-${++n}`;
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

type ErrorJson = { error: { code: string; message: string; providerId?: string; reauthorizeUrl?: string } };

async function connectIguide(user: string, scopes: string[]): Promise<string> {
  const token = h.sandbox.iguide.createApiToken({ scopes });
  await h.authkit.connectStatic({ providerId: 'iguide', ownerId: user, label: 'api-token', credential: { kind: 'api_token', tokenId: token.id, tokenValue: token.token } });
  return token.token;
}

async function connectPlanday(user: string): Promise<string> {
  const portal = h.sandbox.planday.createPortal({ name: `Portal of ${user}` });
  const { refreshToken } = h.sandbox.planday.mintRefreshToken({ portalId: portal.portalId, clientId: DEMO_CLIENTS.planday.clientId });
  await h.authkit.connectRefreshToken({ providerId: 'planday', ownerId: user, refreshToken });
  return refreshToken;
}

describe('provider errors through requireConnection', () => {
  it('403 permission_denied when the credential lacks the scope, without the token in the body', async () => {
    const user = owner();
    const token = await connectIguide(user, ['banner.list']);
    const response = await request(`${h.appUrl}/iguides`, { owner: user });
    const text = await response.text();
    expect(response.status).toBe(403);
    expect((JSON.parse(text) as ErrorJson).error).toMatchObject({ code: 'permission_denied', providerId: 'iguide' });
    expect(text).not.toContain(token);
  });

  it('429 with a whole-second Retry-After when iGUIDE throttles (it sends fractional seconds)', async () => {
    const user = owner();
    await connectIguide(user, ['iguide.list']);
    const limits = h.sandbox.settings.rateLimits;
    const previous = limits.iguidePerSecond;
    limits.iguidePerSecond = 1;
    // A fresh one-second window (connecting spent a request on verify), frozen so that a slow
    // machine cannot let the second request fall into the next window.
    h.sandbox.clock.freeze();
    h.sandbox.clock.advance(1000);
    try {
      expect((await request(`${h.appUrl}/iguides`, { owner: user })).status).toBe(200);
      const limited = await request(`${h.appUrl}/iguides`, { owner: user });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(((await limited.json()) as ErrorJson).error.code).toBe('rate_limited');
    } finally {
      limits.iguidePerSecond = previous;
      h.sandbox.clock.unfreeze();
    }
  });

  it('401 reauthorization_required with a reauthorizeUrl once the refresh token is revoked, then keeps answering 401', async () => {
    const user = owner();
    const refreshToken = await connectPlanday(user);
    expect((await request(`${h.appUrl}/departments`, { owner: user })).status).toBe(200);
    // The portal admin revokes the app; an hour later the access token has expired too.
    const revoked = await fetch(h.sandbox.endpoints.planday.revocationEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: DEMO_CLIENTS.planday.clientId, token: refreshToken, token_type_hint: 'refresh_token' }),
    });
    expect(revoked.status).toBe(200);
    h.sandbox.clock.advance(2 * HOUR);

    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await request(`${h.appUrl}/departments`, { owner: user });
      const text = await response.text();
      expect(response.status).toBe(401);
      expect((JSON.parse(text) as ErrorJson).error).toMatchObject({
        code: 'reauthorization_required',
        providerId: 'planday',
        reauthorizeUrl: '/connections/planday/connect',
      });
      expect(text).not.toContain(refreshToken);
    }
  });

  it('502 while Planday’s token endpoint is down, and the connection works again once it is back', async () => {
    const user = owner();
    await connectPlanday(user);
    h.sandbox.clock.advance(2 * HOUR);
    h.sandbox.faults.inject('planday.token', { kind: '5xx' });
    try {
      const response = await request(`${h.appUrl}/departments`, { owner: user });
      expect(response.status).toBe(502);
      const body = (await response.json()) as ErrorJson;
      expect(['provider_unavailable', 'token_endpoint_error']).toContain(body.error.code);
    } finally {
      h.sandbox.faults.clear('planday.token');
    }
    const recovered = await request(`${h.appUrl}/departments`, { owner: user });
    expect(recovered.status).toBe(200);
  });
});
