import type { ConnectionRecord } from '../connection';
import { withRetry } from '../oauth/retry';
import { resolveOAuth2 } from '../oauth/discovery';
import { revokeToken } from '../oauth/token-client';
import type { Runtime } from '../runtime';

/**
 * Revokes a connection's grant at the provider where it can (RFC 7009). Resolves true when
 * revoked, false when there was nothing to revoke — or, with `ignoreFailure`, when revoking
 * failed (the caller removes the connection anyway). Otherwise a failure rejects.
 */
export async function revokeGrant(runtime: Runtime, record: ConnectionRecord, ignoreFailure: boolean): Promise<boolean> {
  const definition = runtime.providers.get(record.providerId);
  const credential = record.credential;
  if (definition?.oauth2 === undefined || credential.kind !== 'oauth2' || record.status === 'revoked') return false;
  // Revoking the refresh token ends the whole grant (RFC 7009 §2.1); fall back to the access token.
  const [token, hint] = credential.refreshToken
    ? ([credential.refreshToken, 'refresh_token'] as const)
    : ([credential.accessToken, 'access_token'] as const);
  try {
    // A provider discovered from its issuer learns its revocation endpoint from the metadata.
    const oauthProvider = await resolveOAuth2(definition, runtime.tokens);
    if (oauthProvider.oauth2.revocationEndpoint === undefined) return false;
    await withRetry(runtime.retry, () => revokeToken(oauthProvider, runtime.tokens, token.reveal(), hint));
    return true;
  } catch (error) {
    if (ignoreFailure) return false;
    throw error;
  }
}
