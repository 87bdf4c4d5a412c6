import type { PlandayPortal } from '../data';
import { bearerToken, type Ctx } from '../http';
import type { AccessToken } from '../oauth/tokens';
import type { Route } from '../router';
import type { SandboxState } from '../state';

/** Planday's Open API (`/hr/v1/…`): Bearer + X-ClientId, scopes, per-portal and per-client limits. */
export function plandayApiRoutes(state: SandboxState, apiPrefix: string, portal: (portalId: string | undefined) => PlandayPortal | undefined): Route[] {
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

  return [
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
}
