import type { CompleteAuthorizationInput, PendingAuthorization } from '../authkit-types';
import type { ConnectionRecord } from '../connection';
import { AuthKitError } from '../errors';
import { exchangeAuthorizationCode, requireOAuth2, toOAuth2Credential } from '../oauth/token-client';
import type { Runtime } from '../runtime';
import { providerOf } from '../runtime';
import { consumePendingAuthorization, pendingKey } from './pending';
import { saveConnection } from './save-connection';

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

/**
 * Completes the authorization code flow from the callback. Order of checks: provider `error`
 * → `authorization_denied` (state still consumed); missing/unknown/used/expired state, other
 * owner, mix-up (state of another provider, or RFC 9207 `iss` ≠ issuer) → `invalid_state`;
 * missing code → `invalid_callback`; then the exchange with the identical redirect URI and
 * PKCE verifier. Nothing is stored on any failure.
 */
export async function completeAuthorization(
  runtime: Runtime,
  input: CompleteAuthorizationInput,
): Promise<{ record: ConnectionRecord; pending: PendingAuthorization }> {
  const provider = requireOAuth2(providerOf(runtime, input.providerId));
  const params = callbackParameters(input.callback);
  const state = params.get('state') ?? '';

  const error = params.get('error');
  if (error !== null) {
    if (state !== '') await runtime.store.takeEphemeral(pendingKey(provider.id, state));
    throw new AuthKitError('authorization_denied', `${provider.name} did not authorize the connection ("${safeCode(error)}").`, {
      providerId: provider.id,
    });
  }

  const pending = await consumePendingAuthorization(runtime, provider.id, state);
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
  const code = params.get('code');
  if (code === null || code === '') {
    throw new AuthKitError('invalid_callback', `The ${provider.name} callback has no authorization code.`, { providerId: provider.id });
  }

  let response;
  try {
    response = await exchangeAuthorizationCode(provider, runtime.tokens, params, pending.state, pending.redirectUri, pending.codeVerifier);
  } catch (cause) {
    if (cause instanceof AuthKitError) throw cause;
    // oauth4webapi's own callback validation (duplicate parameters, an `iss` it rejects).
    throw new AuthKitError('invalid_callback', `The ${provider.name} callback is not a valid authorization response.`, {
      providerId: provider.id,
    });
  }
  const credential = toOAuth2Credential(provider, response, runtime.now(), { requestedScopes: pending.scopes });
  const record = await saveConnection(runtime, {
    provider,
    ownerId: pending.ownerId,
    ...(pending.label === undefined ? {} : { label: pending.label }),
    grant: 'authorization_code',
    credential,
    verify: false,
  });
  return { record, pending };
}
