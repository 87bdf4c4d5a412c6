import type { ClientRegistration, ProviderId } from '../types';
import { PROVIDER_IDS } from '../types';

/** A redirect URI must be an absolute URL without a fragment (RFC 6749 §3.1.2). */
export function checkRedirectUri(uri: unknown): string | undefined {
  if (typeof uri !== 'string') return 'redirect URI must be a string';
  try {
    const url = new URL(uri);
    if (url.hash) return 'redirect URI must not contain a fragment';
    return undefined;
  } catch {
    return 'redirect URI must be an absolute URL';
  }
}

/** Registered OAuth clients, per provider. Redirect URIs are compared exactly, as RFC 9700 asks. */
export class ClientRegistry {
  readonly #clients = new Map<string, ClientRegistration>();

  register(input: ClientRegistration): ClientRegistration {
    if (!PROVIDER_IDS.includes(input.provider)) throw new TypeError(`unknown provider: ${String(input.provider)}`);
    if (typeof input.clientId !== 'string' || input.clientId.length === 0) throw new TypeError('clientId is required');
    if (input.clientSecret !== undefined && (typeof input.clientSecret !== 'string' || input.clientSecret.length === 0)) {
      throw new TypeError('clientSecret must be a non-empty string');
    }
    if (input.provider !== 'planday' && input.clientSecret === undefined) {
      throw new TypeError(`${input.provider} clients authenticate with a client secret: clientSecret is required`);
    }
    const redirectUris = input.redirectUris ?? [];
    if (!Array.isArray(redirectUris)) throw new TypeError('redirectUris must be an array');
    for (const uri of redirectUris) {
      const problem = checkRedirectUri(uri);
      if (problem) throw new TypeError(problem);
    }
    if (input.scopes !== undefined && (!Array.isArray(input.scopes) || input.scopes.some((s) => typeof s !== 'string'))) {
      throw new TypeError('scopes must be an array of strings');
    }
    const client: ClientRegistration = {
      provider: input.provider,
      clientId: input.clientId,
      ...(input.clientSecret === undefined ? {} : { clientSecret: input.clientSecret }),
      redirectUris: [...redirectUris],
      ...(input.scopes === undefined ? {} : { scopes: [...input.scopes] }),
      ...(input.name === undefined ? {} : { name: String(input.name) }),
    };
    this.#clients.set(key(input.provider, input.clientId), client);
    return client;
  }

  get(provider: ProviderId, clientId: string): ClientRegistration | undefined {
    return this.#clients.get(key(provider, clientId));
  }

  addRedirectUri(provider: ProviderId, clientId: string, uri: string): ClientRegistration {
    const client = this.get(provider, clientId);
    if (!client) throw new TypeError(`unknown ${provider} client: ${clientId}`);
    const problem = checkRedirectUri(uri);
    if (problem) throw new TypeError(problem);
    if (!client.redirectUris.includes(uri)) client.redirectUris.push(uri);
    return client;
  }

  /** Replaces a client's secret; the old one stops working at once (iGUIDE's app-secret rotation). */
  rotateSecret(provider: ProviderId, clientId: string, secret: string): ClientRegistration | undefined {
    const client = this.get(provider, clientId);
    if (!client || client.clientSecret === undefined) return undefined;
    client.clientSecret = secret;
    return client;
  }

  list(): ClientRegistration[] {
    return [...this.#clients.values()];
  }
}

function key(provider: string, clientId: string): string {
  return `${provider}\u0000${clientId}`;
}
