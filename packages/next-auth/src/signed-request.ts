import { AuthKitError, secret } from '@authkit/core';
import type { ConnectionRecord, ProviderDefinition } from '@authkit/core';

/**
 * A `fetch` that signs requests the provider's own way (`provider.signRequest`) with an access
 * token next-auth has just obtained, before any connection exists in the store.
 *
 * Why: next-auth fetches the sign-in profile itself, between the code exchange and our `jwt`
 * callback. Reusing the core signer keeps each quirk (iGUIDE's two headers, Plannr's account
 * header, Planday's `X-ClientId`) defined once, in the core provider.
 */
export function signedFetchFor(provider: ProviderDefinition, accessToken: string, baseFetch: typeof fetch = fetch): {
  fetch: typeof fetch;
  connection: ConnectionRecord;
} {
  const now = Date.now();
  const connection: ConnectionRecord = {
    id: `next-auth-sign-in:${provider.id}`,
    providerId: provider.id,
    ownerId: '',
    status: 'active',
    version: 0,
    grant: 'authorization_code',
    credential: { kind: 'oauth2', accessToken: secret(accessToken), tokenType: 'Bearer', scopes: [] },
    metadata: {},
    createdAt: now,
    updatedAt: now,
  };
  const signed = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request ? request.url : input.toString(), provider.baseUrl);
    if (!provider.allowedHosts.includes(url.host)) {
      // Credentials only go to the provider's own hosts.
      throw new AuthKitError('host_not_allowed', `Refusing to send ${provider.name} credentials to ${url.host}`, {
        providerId: provider.id,
      });
    }
    const headers = new Headers(init?.headers ?? request?.headers);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    provider.signRequest({ url, headers, credential: connection.credential, connection });
    return baseFetch(url, { method: init?.method ?? request?.method ?? 'GET', body: init?.body ?? null, headers });
  };
  return { fetch: signed as typeof fetch, connection };
}
