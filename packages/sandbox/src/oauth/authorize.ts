import type { Ctx } from '../http';
import type { Handler } from '../router';
import type { SandboxState } from '../state';
import type { ClientRegistration, ProviderId } from '../types';
import type { AuthorizationRequest } from './codes';
import { consentPage, errorPage } from './consent';
import { isValidS256Challenge } from './pkce';

/** Who the user is once they approve: a subject, and for Planday the portal. */
export interface ApprovedSubject {
  subject: string;
  portalId?: string;
}

export interface AuthorizeConfig {
  provider: ProviderId;
  providerName: string;
  /** The authorize path as mounted (the consent form posts back to it). */
  path: string;
  /** RFC 9207 `iss` added to every redirect, when set. */
  issuer?: (state: SandboxState) => string;
  /** Normalises requested scopes, or explains why they are invalid (→ `invalid_scope`). */
  checkScopes(requested: string[], client: ClientRegistration): string[] | { error: string };
  /** Extra consent-form controls (escaped HTML). */
  consentFields?(state: SandboxState): string;
  /** The subject approving; `input` holds the query (auto-approve) or the consent form. */
  approve(state: SandboxState, input: URLSearchParams): ApprovedSubject | { error: string };
}

function isAutoApprove(state: SandboxState, provider: ProviderId, query: URLSearchParams): boolean {
  const perRequest = query.get('sandbox_auto_approve');
  if (perRequest === '1' || perRequest === 'true') return true;
  if (perRequest === '0' || perRequest === 'false') return false;
  return state.settings[provider].autoApprove ?? state.settings.autoApprove;
}

/** Builds the redirect back to the client, with `iss` where the provider sends it. */
function redirectBack(ctx: Ctx, state: SandboxState, config: AuthorizeConfig, redirectUri: string, params: Record<string, string | undefined>): void {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  if (config.issuer) url.searchParams.set('iss', config.issuer(state));
  ctx.redirect(url.toString());
}

function issueCode(ctx: Ctx, state: SandboxState, config: AuthorizeConfig, request: AuthorizationRequest, input: URLSearchParams): void {
  const approved = config.approve(state, input);
  if ('error' in approved) {
    redirectBack(ctx, state, config, request.redirectUri, { error: 'invalid_request', error_description: approved.error, state: request.state });
    return;
  }
  const ttl = state.settings[config.provider].authorizationCodeTtlSeconds;
  const code = state.codes.issue(request, approved.subject, approved.portalId, ttl, state.clock.now());
  redirectBack(ctx, state, config, request.redirectUri, { code: code.value, state: request.state });
}

/**
 * GET: validates the request like a real authorization server. Problems with the client or the
 * redirect URI get an error page (never a redirect to an unverified URI); every later problem
 * is an error redirect. Then either redirects with a code (auto-approve) or shows the consent form.
 */
export function authorizeGet(state: SandboxState, config: AuthorizeConfig): Handler {
  return (ctx) => {
    const q = ctx.url.searchParams;
    // RFC 6749 §3.1: parameters must not repeat; before the redirect URI is trusted, only a page.
    const repeated = repeatedParameter(q);
    if (repeated === 'client_id' || repeated === 'redirect_uri') {
      ctx.html(400, errorPage(config.providerName, 'invalid_request', `The ${repeated} parameter is repeated.`));
      return;
    }
    const clientId = q.get('client_id');
    const client = clientId ? state.clients.get(config.provider, clientId) : undefined;
    if (!client) {
      ctx.html(400, errorPage(config.providerName, 'invalid_client', 'Unknown or missing client_id.'));
      return;
    }
    const redirectUri = q.get('redirect_uri');
    if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
      ctx.html(400, errorPage(config.providerName, 'invalid_request', 'The redirect_uri is missing or does not exactly match a URI registered for this client.'));
      return;
    }
    const stateParam = q.get('state') ?? undefined;
    const fail = (error: string, description: string): void =>
      redirectBack(ctx, state, config, redirectUri, { error, error_description: description, state: stateParam });

    if (repeated) return fail('invalid_request', `The ${repeated} parameter is repeated.`);
    if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported.');
    const scopes = config.checkScopes(splitScopes(q.get('scope')), client);
    if (!Array.isArray(scopes)) return fail('invalid_scope', scopes.error);
    const challenge = q.get('code_challenge') ?? undefined;
    const method = q.get('code_challenge_method');
    if (challenge !== undefined) {
      if (method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256 (plain is not accepted).');
      if (!isValidS256Challenge(challenge)) return fail('invalid_request', 'code_challenge must be a base64url SHA-256 digest (43 characters).');
    } else if (method !== null) {
      return fail('invalid_request', 'code_challenge_method sent without code_challenge.');
    }
    const nonce = q.get('nonce') ?? undefined;
    const request: AuthorizationRequest = {
      provider: config.provider,
      clientId: client.clientId,
      redirectUri,
      scopes,
      ...(stateParam === undefined ? {} : { state: stateParam }),
      ...(challenge === undefined ? {} : { codeChallenge: challenge }),
      ...(nonce === undefined ? {} : { nonce }),
    };
    if (isAutoApprove(state, config.provider, q)) return issueCode(ctx, state, config, request, q);

    const pending = state.codes.addPending(request, state.clock.now());
    ctx.html(
      200,
      consentPage({
        providerName: config.providerName,
        appName: client.name ?? client.clientId,
        scopes,
        action: config.path,
        requestId: pending.id,
        ...(config.consentFields ? { extraFields: config.consentFields(state) } : {}),
      }),
    );
  };
}

/** POST: the consent form. `decision=approve` issues a code, anything else is a denial. */
export function authorizePost(state: SandboxState, config: AuthorizeConfig): Handler {
  return async (ctx) => {
    const form = await ctx.form();
    const id = form?.get('request_id');
    const pending = id ? state.codes.takePending(config.provider, id, state.clock.now()) : undefined;
    if (!form || !pending) {
      ctx.html(400, errorPage(config.providerName, 'invalid_request', 'This authorization request is unknown, expired or was already answered. Start again from the application.'));
      return;
    }
    if (form.get('decision') !== 'approve') {
      redirectBack(ctx, state, config, pending.redirectUri, {
        error: 'access_denied',
        error_description: 'The user denied the request.',
        state: pending.state,
      });
      return;
    }
    issueCode(ctx, state, config, pending, form);
  };
}

/** The first parameter that appears more than once, if any. */
export function repeatedParameter(params: URLSearchParams): string | undefined {
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return undefined;
}

export function splitScopes(value: string | null | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(' ').filter((s) => s.length > 0))];
}
