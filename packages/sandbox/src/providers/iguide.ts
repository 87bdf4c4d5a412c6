import { randomBytes } from 'node:crypto';
import type { Ctx } from '../http';
import { authorizeGet, authorizePost, type AuthorizeConfig } from '../oauth/authorize';
import { tokenEndpoint } from '../oauth/token-endpoint';
import type { Route } from '../router';
import type { SandboxState } from '../state';
import { IguideApiTokens } from './iguide-tokens';

/** The scope catalogue from the iGUIDE Portal authentication guide. */
export const IGUIDE_SCOPES: Record<string, string> = {
  'iguide.list': "List user's iGUIDEs and access metadata (read-only)",
  'iguide.ro': 'Read iGUIDE metadata (excludes billing)',
  'iguide.rw': 'Read and write iGUIDE data (includes iguide.ro, excludes billing/tasks)',
  'iguide.tasks': 'Create and manage iGUIDE tasks and work orders',
  'iguide.billing': 'Access iGUIDE billing information',
  'iguide.gallery': 'Upload and remove gallery images',
  'iguide.events': 'Receive iGUIDE events and dispatch webhooks',
  'iguide.draft.ro': 'Download iGUIDE draft data',
  'viewer.data': 'Access Viewer API data endpoints',
  'banner.list': 'Access public banners',
  'credentials.manage': 'Manage API tokens and OAuth applications',
};

/** Scopes that include others (`iguide.rw` ⇒ `iguide.ro`). */
const IMPLIES: Record<string, string[]> = { 'iguide.rw': ['iguide.ro'] };

export function hasIguideScope(granted: readonly string[], required: string): boolean {
  return granted.some((scope) => scope === required || (IMPLIES[scope] ?? []).includes(required));
}

/** Header values must be pasted exactly: whitespace, quotes or non-ASCII characters are refused. */
const CLEAN_HEADER = /^[\x21\x23-\x26\x28-\x7e]+$/;

interface Principal {
  appId: string;
  scopes: readonly string[];
}

export function createIguide(state: SandboxState): {
  routes: Route[];
  apiTokens: IguideApiTokens;
  rotateClientSecret(clientId: string): { clientId: string; clientSecret: string } | undefined;
} {
  const apiTokens = new IguideApiTokens(state);
  const prefix = '/iguide';

  const unauthenticated = (ctx: Ctx) => ctx.json(401, { code: 'unauthenticated', message: 'Unauthorized request' });

  /** Authenticates the X-Plntr-App-Id / X-Plntr-App-Token pair, then applies the per-app rate limit. */
  function authenticate(ctx: Ctx): Principal | undefined {
    const appId = ctx.header('x-plntr-app-id');
    const token = ctx.header('x-plntr-app-token');
    for (const [name, value] of [['X-Plntr-App-Id', appId], ['X-Plntr-App-Token', token]] as const) {
      if (value !== undefined && !CLEAN_HEADER.test(value)) {
        ctx.json(400, { code: 'invalid_argument', message: `Header ${name} contains whitespace, quotes or non-ASCII characters: pass the value exactly as provided` });
        return undefined;
      }
    }
    if (!appId || !token) {
      unauthenticated(ctx);
      return undefined;
    }
    let scopes: readonly string[] | undefined = apiTokens.authenticate(appId, token);
    if (!scopes) {
      const access = state.tokens.findAccessToken('iguide', token, state.clock.now());
      if (access && access.grant.clientId === appId) scopes = access.scopes;
    }
    if (!scopes) {
      unauthenticated(ctx);
      return undefined;
    }
    const limit = state.settings.rateLimits.iguidePerSecond;
    const result = state.limiter.take(`iguide:${appId}`, limit, 1000, state.clock.now());
    const reset = (Math.max(result.resetInMs, 10) / 1000).toFixed(2);
    ctx.res.setHeader('X-RateLimit-Second-Limit', String(limit));
    ctx.res.setHeader('X-RateLimit-Second-AmountRemaining', String(result.remaining));
    ctx.res.setHeader('X-RateLimit-Second-Reset', reset);
    if (!result.allowed) {
      ctx.json(429, { code: 'resource_exhausted', message: 'Rate limit exceeded' }, { 'retry-after': reset });
      return undefined;
    }
    return { appId, scopes };
  }

  function requireScope(ctx: Ctx, principal: Principal, scope: string): boolean {
    if (hasIguideScope(principal.scopes, scope)) return true;
    ctx.json(403, { code: 'permission_denied', message: `Permission denied: this endpoint requires scope ${scope}`, requiredScope: scope });
    return false;
  }

  const authorize: AuthorizeConfig = {
    provider: 'iguide',
    providerName: 'iGUIDE Portal',
    path: `${prefix}/oauth/authorize`,
    checkScopes(requested, client) {
      const scopes = requested.length > 0 ? requested : (client.scopes ?? []);
      if (scopes.length === 0) return { error: 'scope is required.' };
      const unknown = scopes.find((s) => !(s in IGUIDE_SCOPES) || (client.scopes !== undefined && !client.scopes.includes(s)));
      return unknown ? { error: `Scope ${unknown} is unknown or not allowed for this app.` } : scopes;
    },
    approve: (s) => ({ subject: s.data.iguideUser.id }),
  };

  const api = (method: string, pattern: string, handler: (ctx: Ctx, principal: Principal) => void): Route => ({
    method,
    pattern: `/api/v1${pattern}`,
    key: 'iguide.api',
    handler: (ctx) => {
      const principal = authenticate(ctx);
      if (principal) handler(ctx, principal);
    },
  });

  const routes: Route[] = [
    { method: 'GET', pattern: '/oauth/authorize', key: 'iguide.authorize', handler: authorizeGet(state, authorize) },
    { method: 'POST', pattern: '/oauth/authorize', key: 'iguide.authorize', handler: authorizePost(state, authorize) },
    {
      method: 'POST',
      pattern: '/oauth/token',
      key: 'iguide.token',
      handler: tokenEndpoint(state, { provider: 'iguide', clientAuthentication: 'secret', grants: ['authorization_code', 'refresh_token'], prefix: 'igo', includeScope: true }),
    },
    api('POST', '/integrations/test', (ctx, p) => ctx.json(200, { appId: p.appId })),
    api('GET', '/scopes', (ctx) => ctx.json(200, { data: Object.entries(IGUIDE_SCOPES).map(([name, description]) => ({ name, description })) })),
    api('GET', '/iguides', (ctx, p) => {
      if (requireScope(ctx, p, 'iguide.list')) ctx.json(200, { data: state.data.iguides.map(({ id, alias, status }) => ({ id, alias, status })) });
    }),
    api('GET', '/iguides/:id', (ctx, p) => {
      if (!requireScope(ctx, p, 'iguide.ro')) return;
      const iguide = state.data.iguides.find((i) => i.id === ctx.params.id);
      if (iguide) ctx.json(200, iguide);
      else ctx.json(404, { code: 'not_found', message: 'iGUIDE not found' });
    }),
    api('POST', '/tokens/:tokenId/rotate', (ctx, p) => {
      if (!requireScope(ctx, p, 'credentials.manage')) return;
      const rotated = apiTokens.rotate(ctx.params.tokenId ?? '');
      if (rotated) ctx.json(200, rotated);
      else ctx.json(404, { code: 'not_found', message: 'API token not found' });
    }),
    api('POST', '/apps/:appId/rotate', (ctx, p) => {
      if (!requireScope(ctx, p, 'credentials.manage')) return;
      const rotated = rotateClientSecret(ctx.params.appId ?? '');
      if (rotated) ctx.json(200, rotated);
      else ctx.json(404, { code: 'not_found', message: 'OAuth app not found' });
    }),
  ];

  /** Unlike API tokens, an OAuth app's old secret stops working immediately. */
  function rotateClientSecret(clientId: string): { clientId: string; clientSecret: string } | undefined {
    const client = state.clients.rotateSecret('iguide', clientId, `igs_${randomBytes(24).toString('base64url')}`);
    return client?.clientSecret === undefined ? undefined : { clientId: client.clientId, clientSecret: client.clientSecret };
  }

  return { routes: routes.map((r) => ({ ...r, pattern: `${prefix}${r.pattern}` })), apiTokens, rotateClientSecret };
}
