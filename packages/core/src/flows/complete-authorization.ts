import type { CompleteAuthorizationInput, PendingAuthorization } from '../authkit-types';
import type { ConnectionRecord } from '../connection';
import { AuthKitError } from '../errors';
import type { OAuth2Provider } from '../oauth/token-client';
import { resolveOAuth2 } from '../oauth/discovery';
import { exchangeAuthorizationCode, toOAuth2Credential } from '../oauth/token-client';
import type { Runtime } from '../runtime';
import { providerOf } from '../runtime';
import { consumePendingAuthorization, pendingKey } from './pending';
import { saveConnection } from './save-connection';

/** The OAuth parameters of an authorization response, which must each appear at most once. */
export const CALLBACK_PARAMETERS = ['code', 'state', 'iss', 'error', 'error_description', 'error_uri'] as const;

function callbackParameters(callback: CompleteAuthorizationInput['callback']): URLSearchParams {
  if (callback instanceof URLSearchParams) return new URLSearchParams(callback);
  if (callback instanceof URL) return new URLSearchParams(callback.search);
  if (/^[a-zA-Z][a-zA-Z\d+.-]*:/.test(callback)) return new URLSearchParams(new URL(callback).search);
  return new URLSearchParams(callback.startsWith('?') ? callback.slice(1) : callback);
}

/** Allows only short, plain OAuth error codes into messages (the value comes from the browser). */
function safeCode(value: string): string {
  return /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : 'unknown_error';
}

function invalidCallback(provider: OAuth2Provider, why: string): AuthKitError {
  return new AuthKitError('invalid_callback', `The ${provider.name} callback ${why}.`, { providerId: provider.id, detail: `the callback ${why}` });
}

/** Refuses a callback that repeats an OAuth parameter (RFC 6749 §3.1: at most once each). */
export function assertSingleParameters(provider: OAuth2Provider, params: URLSearchParams): void {
  for (const name of CALLBACK_PARAMETERS) {
    if (params.getAll(name).length > 1) throw invalidCallback(provider, `repeats the "${name}" parameter`);
  }
}

/**
 * Completes the authorization code flow from the callback. Order of checks: repeated OAuth
 * parameters → `invalid_callback`; provider `error` → `authorization_denied` (state still
 * consumed); missing/unknown/used/expired state, other owner, mix-up (state of another
 * provider, or RFC 9207 `iss` ≠ issuer, or no `iss` where the server always sends it) →
 * `invalid_state` / `invalid_callback`; missing code → `invalid_callback`; then the exchange
 * with the identical redirect URI and PKCE verifier. Nothing is stored on any failure.
 * With `input.pending` (already consumed by the caller) the state is not taken again.
 */
export async function completeAuthorization(
  runtime: Runtime,
  input: CompleteAuthorizationInput,
): Promise<{ record: ConnectionRecord; pending: PendingAuthorization }> {
  const provider = await resolveOAuth2(providerOf(runtime, input.providerId), runtime.tokens);
  const params = callbackParameters(input.callback);
  assertSingleParameters(provider, params);
  const state = params.get('state') ?? '';

  const error = params.get('error');
  if (error !== null) {
    if (input.pending === undefined && state !== '') await runtime.store.takeEphemeral(pendingKey(provider.id, state));
    throw new AuthKitError('authorization_denied', `${provider.name} did not authorize the connection ("${safeCode(error)}").`, {
      providerId: provider.id,
    });
  }

  const pending = input.pending ?? (await consumePendingAuthorization(runtime, provider.id, state));
  if (pending.providerId !== provider.id || pending.state !== state) {
    throw new AuthKitError('invalid_state', 'The authorization callback cannot be accepted: its state belongs to another authorization.', {
      providerId: provider.id,
    });
  }
  if (pending.ownerId !== input.ownerId) {
    throw new AuthKitError('invalid_state', 'The authorization callback cannot be accepted: it was started by another owner.', {
      providerId: provider.id,
    });
  }
  const iss = params.get('iss');
  const issuer = provider.oauth2.issuer;
  if (iss !== null && issuer !== undefined && iss !== issuer) {
    throw new AuthKitError('invalid_state', 'The authorization callback cannot be accepted: it comes from another issuer (mix-up).', {
      providerId: provider.id,
    });
  }
  if (iss === null && provider.oauth2.authorizationResponseIssParameterSupported === true) {
    throw invalidCallback(provider, 'has no "iss" parameter, which this server always sends');
  }
  const code = params.get('code');
  if (code === null || code === '') throw invalidCallback(provider, 'has no authorization code');

  let response;
  try {
    response = await exchangeAuthorizationCode(provider, runtime.tokens, params, pending.state, pending.redirectUri, pending.codeVerifier);
  } catch (cause) {
    if (cause instanceof AuthKitError) throw cause;
    // oauth4webapi's own callback validation (an `iss` it rejects, a malformed response).
    throw invalidCallback(provider, 'is not a valid authorization response');
  }
  const credential = toOAuth2Credential(provider, response, runtime.now(), { requestedScopes: pending.scopes });
  const record = await saveConnection(runtime, {
    provider,
    ownerId: pending.ownerId,
    ...(pending.label === undefined ? {} : { label: pending.label }),
    grant: 'authorization_code',
    credential,
    verify: false,
    ...(pending.ifExists === undefined ? {} : { ifExists: pending.ifExists }),
  });
  return { record, pending };
}
