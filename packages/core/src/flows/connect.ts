import type { ConnectStaticInput, IfConnectionExists, TokenResponseInput } from '../authkit-types';
import type { ConnectionRecord } from '../connection';
import { AuthKitError, TokenEndpointError } from '../errors';
import { withRetry } from '../oauth/retry';
import { resolveOAuth2 } from '../oauth/discovery';
import { clientCredentialsGrant, refreshTokenGrant, requireOAuth2, toOAuth2Credential } from '../oauth/token-client';
import { problemWithPastedValue, problemWithStaticCredential } from '../providers/shared';
import type { ProviderDefinition } from '../providers/types';
import type { Runtime } from '../runtime';
import { providerOf } from '../runtime';
import { Secret } from '../secret';
import { connectionExists, saveConnection } from './save-connection';
import { toStaticCredential } from './static-credential';
import { connectionIdFor } from '../util/connection-id';

function invalidCredential(provider: ProviderDefinition, problem: string, status?: number, cause?: unknown): AuthKitError {
  return new AuthKitError('invalid_credential', `${provider.name}: ${problem}.`, {
    providerId: provider.id,
    detail: problem,
    ...(status === undefined ? {} : { status }),
    ...(cause === undefined ? {} : { cause }),
  });
}

/** With `ifExists: 'fail'`, refuses before anything is sent to the provider. */
async function refuseExisting(
  runtime: Runtime,
  provider: ProviderDefinition,
  input: { ownerId: string; label?: string; ifExists?: IfConnectionExists },
): Promise<void> {
  if (input.ifExists !== 'fail') return;
  const id = connectionIdFor(provider.id, input.ownerId, input.label);
  if ((await runtime.store.get(id)) !== undefined) throw connectionExists(provider, id, input.label);
}

/** Connects an API token pair, PAT or API key, verified where the provider has a verify call. */
export async function connectStatic(
  runtime: Runtime,
  input: ConnectStaticInput,
): Promise<ConnectionRecord> {
  const provider = providerOf(runtime, input.providerId);
  if (!provider.credentialKinds.includes(input.credential.kind)) {
    throw invalidCredential(provider, `a ${input.credential.kind} credential is not accepted`);
  }
  const problem = provider.validateCredential?.(input.credential) ?? problemWithStaticCredential(input.credential);
  if (problem !== undefined) throw invalidCredential(provider, problem);
  return saveConnection(runtime, {
    provider,
    ownerId: input.ownerId,
    ...(input.label === undefined ? {} : { label: input.label }),
    grant: 'static',
    credential: toStaticCredential(input.credential),
    ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
    verify: true,
    ...(input.ifExists === undefined ? {} : { ifExists: input.ifExists }),
  });
}

/**
 * Planday-style bootstrap: a refresh token pasted from the provider's UI is exchanged at once,
 * so a bad one fails here rather than at the first API call.
 */
export async function connectRefreshToken(
  runtime: Runtime,
  input: { providerId: string; ownerId: string; refreshToken: string; label?: string; ifExists?: IfConnectionExists },
): Promise<ConnectionRecord> {
  const provider = await resolveOAuth2(providerOf(runtime, input.providerId), runtime.tokens);
  if (!provider.oauth2.grants.includes('refresh_token')) {
    throw new AuthKitError('configuration_error', `Provider "${provider.id}" does not use refresh tokens.`, { providerId: provider.id });
  }
  const problem = problemWithPastedValue('refresh token', input.refreshToken);
  if (problem !== undefined) throw invalidCredential(provider, problem);
  // Checked before the exchange too: a pasted token is spent on a connection that cannot be saved.
  await refuseExisting(runtime, provider, input);
  let response;
  try {
    response = await withRetry(runtime.retry, () => refreshTokenGrant(provider, runtime.tokens, input.refreshToken));
  } catch (error) {
    if (error instanceof TokenEndpointError && !error.transient && error.error !== undefined && error.error !== 'invalid_client') {
      throw invalidCredential(provider, `the refresh token was rejected ("${error.error}")`, error.status, error);
    }
    throw error;
  }
  const credential = toOAuth2Credential(provider, response, runtime.now(), {
    previous: { kind: 'oauth2', accessToken: new Secret(''), refreshToken: new Secret(input.refreshToken), tokenType: 'bearer', scopes: provider.oauth2.defaultScopes },
  });
  return saveConnection(runtime, {
    provider,
    ownerId: input.ownerId,
    ...(input.label === undefined ? {} : { label: input.label }),
    grant: 'refresh_token_bootstrap',
    credential,
    verify: false,
    ...(input.ifExists === undefined ? {} : { ifExists: input.ifExists }),
  });
}

/** Server-to-server: a client credentials grant; the token is renewed near expiry. */
export async function connectClientCredentials(
  runtime: Runtime,
  input: { providerId: string; ownerId: string; scopes?: readonly string[]; label?: string; ifExists?: IfConnectionExists },
): Promise<ConnectionRecord> {
  const provider = await resolveOAuth2(providerOf(runtime, input.providerId), runtime.tokens);
  if (!provider.oauth2.grants.includes('client_credentials')) {
    throw new AuthKitError('configuration_error', `Provider "${provider.id}" is not configured for the client credentials grant.`, {
      providerId: provider.id,
    });
  }
  const scopes = input.scopes ?? provider.oauth2.defaultScopes;
  await refuseExisting(runtime, provider, input);
  const response = await withRetry(runtime.retry, () => clientCredentialsGrant(provider, runtime.tokens, scopes));
  const credential = toOAuth2Credential(provider, response, runtime.now(), { requestedScopes: scopes });
  return saveConnection(runtime, {
    provider,
    ownerId: input.ownerId,
    ...(input.label === undefined ? {} : { label: input.label }),
    grant: 'client_credentials',
    credential,
    verify: false,
    ...(input.ifExists === undefined ? {} : { ifExists: input.ifExists }),
  });
}

/** Stores tokens a framework exchanged itself (next-auth, passport-oauth2). */
export async function saveTokenResponse(
  runtime: Runtime,
  input: { providerId: string; ownerId: string; tokens: TokenResponseInput; label?: string; requestedScopes?: readonly string[] },
): Promise<ConnectionRecord> {
  const provider = requireOAuth2(providerOf(runtime, input.providerId));
  const tokens = input.tokens;
  if (typeof tokens.access_token !== 'string' || tokens.access_token === '') {
    throw invalidCredential(provider, 'the token response has no access_token');
  }
  if (tokens.expires_in !== undefined && typeof tokens.expires_in !== 'number') throw invalidCredential(provider, 'expires_in is not a number');
  if (tokens.expires_at !== undefined && typeof tokens.expires_at !== 'number') throw invalidCredential(provider, 'expires_at is not a number');
  const credential = toOAuth2Credential(
    provider,
    {
      access_token: tokens.access_token,
      ...(tokens.token_type === undefined ? {} : { token_type: tokens.token_type.toLowerCase() }),
      ...(tokens.expires_in === undefined ? {} : { expires_in: tokens.expires_in }),
      ...(tokens.refresh_token === undefined ? {} : { refresh_token: tokens.refresh_token }),
      ...(tokens.scope === undefined ? {} : { scope: tokens.scope }),
    },
    runtime.now(),
    {
      requestedScopes: input.requestedScopes ?? provider.oauth2.defaultScopes,
      ...(tokens.expires_in === undefined && tokens.expires_at !== undefined ? { expiresAtMs: tokens.expires_at * 1000 } : {}),
    },
  );
  return saveConnection(runtime, {
    provider,
    ownerId: input.ownerId,
    ...(input.label === undefined ? {} : { label: input.label }),
    grant: 'authorization_code',
    credential,
    verify: false,
  });
}
