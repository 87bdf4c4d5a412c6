import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { demoPortal, type PlandayPortal } from '../data';
import { bearerToken, type Ctx } from '../http';
import { authorizeGet, authorizePost, type AuthorizeConfig } from '../oauth/authorize';
import { escapeHtml } from '../http';
import { revocationEndpoint, tokenEndpoint, type TokenEndpointConfig } from '../oauth/token-endpoint';
import type { AccessToken } from '../oauth/tokens';
import type { Route } from '../router';
import type { SandboxState } from '../state';

/** Scopes every Planday authorization must include. */
const REQUIRED = ['openid', 'offline_access'];
/** App scopes the sandbox knows (a subset of Planday's catalogue). */
export const PLANDAY_SCOPES = ['openid', 'offline_access', 'department:read', 'employee:read', 'shift:read'];

export interface PlandayAdmin {
  /** A new portal with demo departments and employees. */
  createPortal(input: { name: string }): { portalId: string; name: string };
  /** What the portal's API Access page shows after "Authorize": a refresh token bound to the portal. */
  mintRefreshToken(input: { portalId: string; clientId: string; scopes?: string[] }): { refreshToken: string };
}

export function createPlanday(state: SandboxState): { routes: Route[]; admin: PlandayAdmin } {
  const id = '/planday/id';
  const apiPrefix = '/planday/api';
  const issuer = () => `${state.baseUrl}${id}`;
  const kid = randomUUID();
  // Generated once per sandbox; the id_token signature is checked against the JWKS endpoint.
  const keys = generateKeyPair('RS256', { extractable: true });
  const subjectOf = (portalId: string) => `planday-admin@${portalId}`;

  const portal = (portalId: string | null | undefined): PlandayPortal | undefined =>
    portalId ? state.data.plandayPortals.find((p) => p.portalId === portalId) : state.data.plandayPortals[0];

  const authorize: AuthorizeConfig = {
    provider: 'planday',
    providerName: 'Planday',
    path: `${id}/connect/authorize`,
    issuer,
    checkScopes(requested, client) {
      const missing = REQUIRED.filter((s) => !requested.includes(s));
      if (missing.length > 0) return { error: `scope must include ${REQUIRED.join(' ')} (missing: ${missing.join(' ')}).` };
      const bad = requested.find((s) => !PLANDAY_SCOPES.includes(s) || (client.scopes !== undefined && !client.scopes.includes(s)));
      return bad ? { error: `Scope ${bad} is unknown or not enabled for this application.` } : requested;
    },
    consentFields: (s) =>
      `<label>Portal <select name="portal_id">${s.data.plandayPortals
        .map((p) => `<option value="${escapeHtml(p.portalId)}">${escapeHtml(p.name)}</option>`)
        .join('')}</select></label>`,
    approve(s, input) {
      const chosen = portal(input.get('portal_id') ?? input.get('sandbox_portal_id'));
      if (!chosen) return { error: 'Unknown portal.' };
      return { subject: subjectOf(chosen.portalId), portalId: chosen.portalId };
    },
  };

  const tokenConfig: TokenEndpointConfig = {
    provider: 'planday',
    clientAuthentication: 'none',
    grants: ['authorization_code', 'refresh_token'],
    prefix: 'planday',
    includeScope: true,
    async codeResponseExtras(s, code, grant) {
      if (!code.scopes.includes('openid')) return {};
      const { privateKey } = await keys;
      const now = Math.floor(s.clock.now() / 1000);
      const idToken = await new SignJWT({ ...(code.nonce === undefined ? {} : { nonce: code.nonce }), portal_id: grant.portalId })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(issuer())
        .setAudience(grant.clientId)
        .setSubject(grant.subject)
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(privateKey);
      return { id_token: idToken };
    },
  };

  /** Both Planday limits count every call: per portal and per client id. */
  function rateLimit(ctx: Ctx, access: AccessToken): boolean {
    const r = state.settings.rateLimits;
    const now = state.clock.now();
    const portalKey = `planday:portal:${access.grant.portalId ?? '-'}`;
    const clientKey = `planday:client:${access.grant.clientId}`;
    const results = [
      state.limiter.take(`${portalKey}:s`, r.plandayPortalPerSecond, 1000, now),
      state.limiter.take(`${portalKey}:m`, r.plandayPortalPerMinute, 60_000, now),
      state.limiter.take(`${clientKey}:s`, r.plandayClientPerSecond, 1000, now),
      state.limiter.take(`${clientKey}:m`, r.plandayClientPerMinute, 60_000, now),
    ];
    const denied = results.filter((x) => !x.allowed);
    const tightest = (denied.length > 0 ? denied : results).reduce((a, b) => (b.remaining < a.remaining || (b.remaining === a.remaining && b.resetInMs > a.resetInMs) ? b : a));
    const reset = Math.max(1, Math.ceil(tightest.resetInMs / 1000));
    ctx.res.setHeader('x-ratelimit-limit', String(tightest.limit));
    ctx.res.setHeader('x-ratelimit-remaining', String(tightest.remaining));
    ctx.res.setHeader('x-ratelimit-reset', String(reset));
    if (denied.length === 0) return true;
    ctx.json(429, { message: 'Rate limit is exceeded. Try again later.' }, { 'retry-after': reset });
    return false;
  }

  /** Bearer + X-ClientId (equal to the token's client); both failures are 401. */
  function authenticate(ctx: Ctx, scope: string): { access: AccessToken; portal: PlandayPortal } | undefined {
    const value = bearerToken(ctx);
    const access = value ? state.tokens.findAccessToken('planday', value, state.clock.now()) : undefined;
    if (!access) {
      ctx.json(401, { message: 'Unauthorized. Access token is missing or invalid.' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
      return undefined;
    }
    const clientId = ctx.header('x-clientid');
    if (clientId !== access.grant.clientId) {
      ctx.json(401, { message: clientId ? 'X-ClientId does not match the access token.' : 'The X-ClientId header is required.' });
      return undefined;
    }
    if (!rateLimit(ctx, access)) return undefined;
    if (!access.scopes.includes(scope)) {
      ctx.json(403, { message: `Forbidden. The access token lacks scope ${scope}.`, requiredScope: scope });
      return undefined;
    }
    const p = portal(access.grant.portalId);
    if (!p) {
      ctx.json(401, { message: 'The portal of this token no longer exists.' });
      return undefined;
    }
    return { access, portal: p };
  }

  const paged = <T>(data: T[]) => ({ paging: { offset: 0, limit: 50, total: data.length }, data });

  const routes: Route[] = [
    { method: 'GET', pattern: `${id}/connect/authorize`, key: 'planday.authorize', handler: authorizeGet(state, authorize) },
    { method: 'POST', pattern: `${id}/connect/authorize`, key: 'planday.authorize', handler: authorizePost(state, authorize) },
    { method: 'POST', pattern: `${id}/connect/token`, key: 'planday.token', handler: tokenEndpoint(state, tokenConfig) },
    { method: 'POST', pattern: `${id}/connect/revocation`, key: 'planday.revocation', handler: revocationEndpoint(state, tokenConfig) },
    {
      method: 'GET',
      pattern: `${id}/.well-known/openid-configuration`,
      key: 'planday.discovery',
      handler: (ctx) =>
        ctx.json(200, {
          issuer: issuer(),
          authorization_endpoint: `${issuer()}/connect/authorize`,
          token_endpoint: `${issuer()}/connect/token`,
          revocation_endpoint: `${issuer()}/connect/revocation`,
          jwks_uri: `${issuer()}/.well-known/openid-configuration/jwks`,
          response_types_supported: ['code'],
          grant_types_supported: ['authorization_code', 'refresh_token'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['none'],
          id_token_signing_alg_values_supported: ['RS256'],
          scopes_supported: PLANDAY_SCOPES,
          authorization_response_iss_parameter_supported: true,
        }),
    },
    {
      method: 'GET',
      pattern: `${id}/.well-known/openid-configuration/jwks`,
      key: 'planday.discovery',
      handler: async (ctx) => {
        const jwk = await exportJWK((await keys).publicKey);
        ctx.json(200, { keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256' }] });
      },
    },
    {
      method: 'GET',
      pattern: `${apiPrefix}/hr/v1/Departments`,
      key: 'planday.api',
      handler: (ctx) => {
        const auth = authenticate(ctx, 'department:read');
        if (auth) ctx.json(200, paged(auth.portal.departments));
      },
    },
    {
      method: 'GET',
      pattern: `${apiPrefix}/hr/v1/Employees`,
      key: 'planday.api',
      handler: (ctx) => {
        const auth = authenticate(ctx, 'employee:read');
        if (auth) ctx.json(200, paged(auth.portal.employees));
      },
    },
    {
      method: 'GET',
      pattern: `${apiPrefix}/hr/v1/Employees/:employeeId`,
      key: 'planday.api',
      handler: (ctx) => {
        const auth = authenticate(ctx, 'employee:read');
        if (!auth) return;
        const employee = auth.portal.employees.find((e) => String(e.id) === ctx.params.employeeId);
        if (employee) ctx.json(200, { data: employee });
        else ctx.json(404, { message: 'Employee not found.' });
      },
    },
  ];

  let nextPortal = 2;
  const admin: PlandayAdmin = {
    createPortal({ name }) {
      if (typeof name !== 'string' || name.length === 0) throw new TypeError('name is required');
      const created = demoPortal(`portal-${nextPortal++}`, name);
      state.data.plandayPortals.push(created);
      return { portalId: created.portalId, name: created.name };
    },
    mintRefreshToken({ portalId, clientId, scopes }) {
      const p = portal(portalId);
      if (!p || typeof portalId !== 'string') throw new TypeError(`unknown Planday portal: ${String(portalId)}`);
      const client = state.clients.get('planday', clientId);
      if (!client) throw new TypeError(`unknown Planday client: ${String(clientId)}`);
      const granted = [...new Set([...REQUIRED, ...(scopes ?? client.scopes ?? [])])];
      const bad = granted.find((s) => !PLANDAY_SCOPES.includes(s));
      if (bad) throw new TypeError(`unknown Planday scope: ${bad}`);
      const grant = state.tokens.createGrant({ provider: 'planday', kind: 'refresh_token_bootstrap', clientId, subject: subjectOf(p.portalId), scopes: granted, portalId: p.portalId });
      const token = state.tokens.issueRefreshToken(grant, 'planday_rt', granted, state.settings.planday.refreshTokenTtlSeconds, state.clock.now());
      return { refreshToken: token.value };
    },
  };
  return { routes, admin };
}
