import { basicCredentials, type Ctx } from '../http';
import type { SandboxState } from '../state';
import type { ClientRegistration, ProviderId } from '../types';
import { TokenError } from './errors';

export interface ClientAuthConfig {
  provider: ProviderId;
  /** `secret`: client_secret_post or client_secret_basic; `none`: public client, `client_id` only. */
  clientAuthentication: 'secret' | 'none';
}

/** Authenticates the client per the provider's method; throws TokenError on failure. */
export function authenticateClient(ctx: Ctx, state: SandboxState, config: ClientAuthConfig, form: URLSearchParams): ClientRegistration {
  const basic = basicCredentials(ctx);
  const formId = form.get('client_id');
  if (config.clientAuthentication === 'none') {
    const id = formId ?? basic?.id;
    if (!id) throw new TokenError('invalid_request', 'client_id is required.');
    const client = state.clients.get(config.provider, id);
    // The client is public: a client_secret, if sent, is ignored (as IdentityServer does for clients that need none).
    if (!client) throw new TokenError('invalid_client', 'Unknown client.', 400);
    return client;
  }
  const formSecret = form.get('client_secret');
  if (basic && (formId !== null || formSecret !== null) && (formSecret !== null || formId !== basic.id)) {
    throw new TokenError('invalid_request', 'Use one client authentication method, not both (RFC 6749 §2.3).');
  }
  const id = basic?.id ?? formId;
  const secret = basic?.secret ?? formSecret;
  if (!id) throw new TokenError('invalid_client', 'Client authentication failed.', 401, 'client_id is missing');
  const client = state.clients.get(config.provider, id);
  if (!client || secret === null || client.clientSecret !== secret) {
    throw new TokenError('invalid_client', 'Client authentication failed.', 401);
  }
  return client;
}

