import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, startSandbox, type Sandbox } from '../src/index';
import { authorize, json, postForm, REDIRECT, redirectParams } from './helpers';

const { clientId } = DEMO_CLIENTS.planday;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true });
  sandbox.addRedirectUri('planday', clientId, REDIRECT);
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.stats.reset();
  sandbox.faults.clear();
});

const token = (fields: Record<string, string>) => postForm(sandbox.endpoints.planday.tokenEndpoint, fields);
const api = (path: string, headers: Record<string, string>) => fetch(`${sandbox.endpoints.planday.baseUrl}${path}`, { headers });

describe('Planday', () => {
  it('bootstraps from a portal refresh token with client_id only, then calls the API with Bearer + X-ClientId', async () => {
    const { refreshToken } = sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId });
    const res = await token({ client_id: clientId, grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    // Default rotation for Planday is "never": the portal token stays the same.
    expect(body.refresh_token).toBe(refreshToken);

    const departments = await api('/hr/v1/Departments', { authorization: `Bearer ${String(body.access_token)}`, 'x-clientid': clientId });
    expect(departments.status).toBe(200);
    expect(((await json(departments)).data as { name: string }[]).map((d) => d.name)).toContain('Kitchen');
    expect(departments.headers.get('x-ratelimit-limit')).not.toBeNull();

    const wrongClient = await api('/hr/v1/Employees', { authorization: `Bearer ${String(body.access_token)}`, 'x-clientid': 'someone-else' });
    expect(wrongClient.status).toBe(401);
    const noClient = await api('/hr/v1/Employees', { authorization: `Bearer ${String(body.access_token)}` });
    expect(noClient.status).toBe(401);
  });

  it('authorize requires openid offline_access; the code exchange returns an RS256 id_token and iss', async () => {
    const bad = redirectParams(await authorize(sandbox.endpoints.planday.authorizationEndpoint, { client_id: clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'department:read', state: 's' }));
    expect(bad.get('error')).toBe('invalid_scope');
    expect(bad.get('state')).toBe('s');

    const ok = redirectParams(
      await authorize(sandbox.endpoints.planday.authorizationEndpoint, { client_id: clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid offline_access department:read', state: 's2', nonce: 'n1' }),
    );
    expect(ok.get('iss')).toBe(sandbox.endpoints.planday.issuer);
    const res = await token({ client_id: clientId, grant_type: 'authorization_code', code: ok.get('code') ?? '', redirect_uri: REDIRECT });
    const body = await json(res);
    expect(res.status).toBe(200);
    const { payload } = await jwtVerify(String(body.id_token), createRemoteJWKSet(new URL(sandbox.endpoints.planday.jwksUri)), {
      issuer: sandbox.endpoints.planday.issuer,
      audience: clientId,
    });
    expect(payload.nonce).toBe('n1');
    expect(payload.sub).toBeTypeOf('string');
  });

  it('revocation answers 200 even for unknown tokens; revoking the refresh token kills its access tokens', async () => {
    const { refreshToken } = sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId });
    const body = await json(await token({ client_id: clientId, grant_type: 'refresh_token', refresh_token: refreshToken }));
    const revocation = sandbox.endpoints.planday.revocationEndpoint;
    expect((await postForm(revocation, { client_id: clientId, token: 'unknown-token' })).status).toBe(200);
    expect((await postForm(revocation, { client_id: clientId, token: refreshToken, token_type_hint: 'refresh_token' })).status).toBe(200);
    const after = await api('/hr/v1/Departments', { authorization: `Bearer ${String(body.access_token)}`, 'x-clientid': clientId });
    expect(after.status).toBe(401);
    const again = await token({ client_id: clientId, grant_type: 'refresh_token', refresh_token: refreshToken });
    expect((await json(again)).error).toBe('invalid_grant');
  });
});

describe('Planday limits and consent', () => {
  it('per-portal limit: 429 with x-ratelimit-* headers, counted per portal', async () => {
    sandbox.settings.rateLimits.plandayPortalPerSecond = 2;
    sandbox.clock.freeze(Math.floor(sandbox.now() / 1000) * 1000 + 1000 + 100);
    try {
      const portal = sandbox.planday.createPortal({ name: 'Limited Portal' });
      const other = sandbox.planday.createPortal({ name: 'Other Portal' });
      const access = async (portalId: string) => {
        const { refreshToken } = sandbox.planday.mintRefreshToken({ portalId, clientId });
        return String((await json(await token({ client_id: clientId, grant_type: 'refresh_token', refresh_token: refreshToken }))).access_token);
      };
      const a = await access(portal.portalId);
      const b = await access(other.portalId);
      const call = (t: string) => api('/hr/v1/Departments', { authorization: `Bearer ${t}`, 'x-clientid': clientId });
      expect((await call(a)).status).toBe(200);
      const second = await call(a);
      expect(second.headers.get('x-ratelimit-remaining')).toBe('0');
      const limited = await call(a);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('x-ratelimit-limit')).toBe('2');
      expect(limited.headers.get('retry-after')).toBe('1');
      // Another portal of the same client still has its own budget.
      expect((await call(b)).status).toBe(200);
    } finally {
      sandbox.clock.unfreeze();
      sandbox.settings.rateLimits.plandayPortalPerSecond = 10;
    }
  });

  it('the consent page offers the portals; the chosen portal binds the tokens', async () => {
    sandbox.settings.autoApprove = false;
    try {
      const created = sandbox.planday.createPortal({ name: 'Chosen Portal' });
      const page = await (
        await fetch(
          `${sandbox.endpoints.planday.authorizationEndpoint}?${new URLSearchParams({ client_id: clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid offline_access employee:read', state: 'p' })}`,
        )
      ).text();
      expect(page).toContain('Chosen Portal');
      const requestId = /name="request_id" value="([^"]+)"/.exec(page)?.[1] ?? '';
      const res = await fetch(sandbox.endpoints.planday.authorizationEndpoint, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request_id: requestId, portal_id: created.portalId, decision: 'approve' }),
      });
      const params = redirectParams(res);
      const body = await json(await token({ client_id: clientId, grant_type: 'authorization_code', code: params.get('code') ?? '', redirect_uri: REDIRECT }));
      expect(body.refresh_token).toBeTypeOf('string');
      const employees = await api('/hr/v1/Employees', { authorization: `Bearer ${String(body.access_token)}`, 'x-clientid': clientId });
      expect(employees.status).toBe(200);
      // The token was granted employee:read only.
      expect((await api('/hr/v1/Departments', { authorization: `Bearer ${String(body.access_token)}`, 'x-clientid': clientId })).status).toBe(403);
    } finally {
      sandbox.settings.autoApprove = true;
    }
  });
});
