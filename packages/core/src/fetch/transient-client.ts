import type { TransientClient } from '../authkit-types';
import type { ConnectionRecord } from '../connection';
import type { StaticCredentialInput } from '../credentials';
import { toStaticCredential } from '../flows/static-credential';
import type { Runtime } from '../runtime';
import { providerOf } from '../runtime';
import { Secret } from '../secret';
import { fetchProfile } from './profile';
import { createSignedFetch } from './signed-fetch';

/**
 * A client for a credential that is not a stored connection (see `AuthKit.transientClient`):
 * the provider's own signing and host checks, no store, no refresh.
 */
export function transientClient(
  runtime: Runtime,
  providerId: string,
  input: StaticCredentialInput | { kind: 'oauth2'; accessToken: string },
): TransientClient {
  const provider = providerOf(runtime, providerId);
  const now = runtime.now();
  const record: ConnectionRecord = {
    id: `transient:${provider.id}`,
    providerId: provider.id,
    ownerId: '',
    status: 'active',
    version: 0,
    grant: input.kind === 'oauth2' ? 'authorization_code' : 'static',
    credential:
      input.kind === 'oauth2'
        ? { kind: 'oauth2', accessToken: new Secret(input.accessToken), tokenType: 'bearer', scopes: [] }
        : toStaticCredential(input),
    metadata: {},
    createdAt: now,
    updatedAt: now,
  };
  const signed = createSignedFetch(provider, { current: () => record }, { fetch: runtime.fetch, now: runtime.now });
  const verify = async () => (provider.verify === undefined ? {} : provider.verify({ fetch: signed, connection: record }));
  return { fetch: signed, verify, profile: () => fetchProfile(provider, signed, verify) };
}
