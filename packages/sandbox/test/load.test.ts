import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, startSandbox, type Sandbox } from '../src/index';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

describe('concurrency', () => {
  it('serves 1,000 concurrent token refreshes and API calls without dropping one', async () => {
    const { clientId } = DEMO_CLIENTS.planday;
    sandbox.settings.rateLimits.plandayClientPerSecond = 1_000_000;
    sandbox.settings.rateLimits.plandayClientPerMinute = 1_000_000;
    sandbox.settings.rateLimits.plandayPortalPerSecond = 1_000_000;
    sandbox.settings.rateLimits.plandayPortalPerMinute = 1_000_000;
    const { refreshToken } = sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId });
    const results = await Promise.all(
      Array.from({ length: 1000 }, async () => {
        const res = await fetch(sandbox.endpoints.planday.tokenEndpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ client_id: clientId, grant_type: 'refresh_token', refresh_token: refreshToken }),
        });
        const body = (await res.json()) as { access_token: string };
        const api = await fetch(`${sandbox.endpoints.planday.baseUrl}/hr/v1/Departments`, {
          headers: { authorization: `Bearer ${body.access_token}`, 'x-clientid': clientId },
        });
        await api.arrayBuffer();
        return [res.status, api.status];
      }),
    );
    expect(results.flat().every((s) => s === 200)).toBe(true);
    expect(sandbox.stats.count('planday.token', { grantType: 'refresh_token' })).toBe(1000);
    // Generous: CI machines have 2 cores shared with other suites; this asserts "no request
    // dropped", not speed (benchmarks measure speed).
  }, 120_000);
});
