import { demoPortal, type PlandayPortal } from '../data';
import { escapeHtml } from '../http';
import { authorizeGet, authorizePost, type AuthorizeConfig } from '../oauth/authorize';
import { IdTokenSigner } from '../oauth/id-token';
import { revocationEndpoint } from '../oauth/revocation';
import { tokenEndpoint, type TokenEndpointConfig } from '../oauth/token-endpoint';
import type { Route } from '../router';
import type { SandboxState } from '../state';
import { plandayApiRoutes } from './planday-api';

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
  const signer = new IdTokenSigner();
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
    async codeResponseExtras(_state, code, grant) {
      if (!code.scopes.includes('openid')) return {};
      const idToken = await signer.sign({
        issuer: issuer(),
        audience: grant.clientId,
        subject: grant.subject,
        // Real time, not the sandbox clock: clients check iat/exp against their own clock, and
        // an advanced sandbox clock would make every ID token look issued in the future.
        issuedAt: Math.floor(Date.now() / 1000),
        lifetimeSeconds: 3600,
        extra: { ...(code.nonce === undefined ? {} : { nonce: code.nonce }), portal_id: grant.portalId },
      });
      return { id_token: idToken };
    },
  };

  const routes: Route[] = [
    ...plandayApiRoutes(state, apiPrefix, portal),
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
      handler: async (ctx) => ctx.json(200, await signer.jwks()),
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
