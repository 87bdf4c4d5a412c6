import type { PlannrUser } from '../data';
import { bearerToken, type Ctx } from '../http';
import { authorizeGet, authorizePost, type AuthorizeConfig } from '../oauth/authorize';
import type { OAuthError } from '../oauth/errors';
import { tokenEndpoint } from '../oauth/token-endpoint';
import type { Route } from '../router';
import type { SandboxState } from '../state';

/** Laravel Passport's error shape: `{error, error_description, hint, message}`. */
export function passportError(error: OAuthError, description: string, hint?: string): Record<string, unknown> {
  return { error, error_description: description, hint: hint ?? '', message: description };
}

export interface PlannrAdmin {
  /** A personal access token for a user (default: the demo user), valid one year. */
  createPersonalAccessToken(input?: { userId?: number }): { token: string; expiresAt: string };
}

export function createPlannr(state: SandboxState): { routes: Route[]; admin: PlannrAdmin } {
  const prefix = '/plannr';

  const userById = (id: string) => state.data.plannrUsers.find((u) => String(u.id) === id);

  /** Bearer auth plus Laravel's per-user throttle (`X-RateLimit-*`, 429 "Too Many Attempts."). */
  function authenticate(ctx: Ctx): PlannrUser | undefined {
    const value = bearerToken(ctx);
    const access = value ? state.tokens.findAccessToken('plannr', value, state.clock.now()) : undefined;
    const user = access ? userById(access.grant.subject) : undefined;
    if (!user) {
      ctx.json(401, { message: 'Unauthenticated.' });
      return undefined;
    }
    const limit = state.settings.rateLimits.plannrPerMinute;
    const result = state.limiter.take(`plannr:${user.id}`, limit, 60_000, state.clock.now());
    ctx.res.setHeader('X-RateLimit-Limit', String(limit));
    ctx.res.setHeader('X-RateLimit-Remaining', String(result.remaining));
    if (!result.allowed) {
      const retryAfter = Math.max(1, Math.ceil(result.resetInMs / 1000));
      ctx.json(429, { message: 'Too Many Attempts.' }, { 'retry-after': retryAfter, 'x-ratelimit-reset': Math.ceil((state.clock.now() + result.resetInMs) / 1000) });
      return undefined;
    }
    return user;
  }

  /** Resource endpoints also need the account the request acts for (400 missing, 403 not the user's). */
  function account(ctx: Ctx, user: PlannrUser) {
    const uuid = ctx.header('x-plannr-account-uuid');
    if (!uuid) {
      ctx.json(400, { message: 'The X-PLANNR-ACCOUNT-UUID header is required.' });
      return undefined;
    }
    const found = user.accounts.find((a) => a.uuid === uuid);
    if (!found) ctx.json(403, { message: 'This action is unauthorized.' });
    return found;
  }

  const authorize: AuthorizeConfig = {
    provider: 'plannr',
    providerName: 'Plannr',
    path: `${prefix}/oauth/authorize`,
    checkScopes(requested) {
      // Plannr documents a single scope, `*`; an empty scope is Passport's default (none).
      if (requested.some((s) => s !== '*')) return { error: 'The requested scope is invalid, unknown, or malformed. Plannr only grants "*".' };
      return requested;
    },
    approve: (s) => ({ subject: String(s.data.plannrUsers[0]?.id ?? 1) }),
  };

  const api = (pattern: string, needsAccount: boolean, handler: (ctx: Ctx, user: PlannrUser, accountUuid: string | undefined) => void): Route => ({
    method: 'GET',
    pattern: `${prefix}/api/v1${pattern}`,
    key: 'plannr.api',
    handler: (ctx) => {
      const user = authenticate(ctx);
      if (!user) return;
      if (!needsAccount) return handler(ctx, user, undefined);
      const acc = account(ctx, user);
      if (acc) handler(ctx, user, acc.uuid);
    },
  });

  const routes: Route[] = [
    { method: 'GET', pattern: `${prefix}/oauth/authorize`, key: 'plannr.authorize', handler: authorizeGet(state, authorize) },
    { method: 'POST', pattern: `${prefix}/oauth/authorize`, key: 'plannr.authorize', handler: authorizePost(state, authorize) },
    {
      method: 'POST',
      pattern: `${prefix}/oauth/token`,
      key: 'plannr.token',
      handler: tokenEndpoint(state, {
        provider: 'plannr',
        clientAuthentication: 'secret',
        grants: ['authorization_code', 'refresh_token'],
        prefix: 'plannr',
        includeScope: false,
        errorBody: passportError,
      }),
    },
    api('/logins', false, (ctx, user) =>
      ctx.json(200, {
        data: user.accounts.map((a, i) => ({
          uuid: `login-${user.id}-${i + 1}`,
          role: i === 0 ? 'owner' : 'adviser',
          account: { uuid: a.uuid, name: a.name },
        })),
        preferred_account_uuid: user.preferredAccountUuid,
        user: { id: user.id, uuid: user.uuid, name: user.name, email: user.email },
      }),
    ),
    api('/contacts', true, (ctx, _user, accountUuid) =>
      ctx.json(200, {
        data: [
          { uuid: `c1-${accountUuid}`, first_name: 'Casey', last_name: 'Client', email: 'casey@client.test' },
          { uuid: `c2-${accountUuid}`, first_name: 'Robin', last_name: 'Prospect', email: 'robin@client.test' },
        ],
        meta: { current_page: 1, per_page: 25, total: 2 },
      }),
    ),
  ];

  const admin: PlannrAdmin = {
    createPersonalAccessToken(input = {}) {
      const user = input.userId === undefined ? state.data.plannrUsers[0] : userById(String(input.userId));
      if (!user) throw new TypeError(`unknown Plannr user: ${String(input.userId)}`);
      const grant = state.tokens.createGrant({ provider: 'plannr', kind: 'personal_access_token', clientId: 'plannr-personal-access', subject: String(user.id), scopes: ['*'] });
      const ttl = state.settings.plannr.personalAccessTokenTtlSeconds;
      const token = state.tokens.issueAccessToken(grant, 'plannr_pat', ['*'], ttl, state.clock.now());
      return { token: token.value, expiresAt: new Date(token.expiresAt ?? 0).toISOString() };
    },
  };
  return { routes, admin };
}
