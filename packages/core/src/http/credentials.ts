import type { ConnectionView } from '../connection';
import type { StaticCredentialInput } from '../credentials';
import { AuthKitError } from '../errors';
import type { ProviderDefinition } from '../providers/types';
import { startAuthorization } from './authorization';
import { ownedConnection } from './connections';
import type { Call, Surface } from './surface';
import { optionalField, parseScopes, requiredField, requireOwner, supportsBrowserFlow } from './surface';

/** What a credential route did: a connection saved, or a browser sent on to the provider. */
export type CredentialOutcome = { connection: ConnectionView } | { redirect: Response };

const KINDS = ['api_token', 'api_key', 'personal_access_token'] as const;

/**
 * A static credential from the body: `kind` if given, else inferred from the fields
 * (`tokenId` + `tokenValue`, `key`, `token`). Values are not trimmed: core refuses pasted
 * whitespace with a clear message rather than guessing what was meant.
 */
function staticCredential(call: Call, provider: ProviderDefinition, defaultKind?: string): StaticCredentialInput {
  const kind =
    optionalField(call, 'kind') ??
    (call.fields?.has('tokenId') ? 'api_token' : call.fields?.has('key') ? 'api_key' : call.fields?.has('token') ? 'personal_access_token' : defaultKind);
  // What the provider told when the credential was created (iGUIDE shows expiresAt and scopes);
  // read only for the kinds that have an expiry.
  const expiry = () => {
    const expiresAt = optionalTime(call, provider);
    return expiresAt === undefined ? {} : { expiresAt };
  };
  switch (kind) {
    case 'api_token': {
      const scopes = parseScopes(optionalField(call, 'scopes'));
      return {
        kind,
        tokenId: requiredField(call, 'tokenId', provider.id),
        tokenValue: requiredField(call, 'tokenValue', provider.id),
        ...expiry(),
        ...(scopes === undefined ? {} : { scopes }),
      };
    }
    case 'api_key':
      return { kind, key: requiredField(call, 'key', provider.id) };
    case 'personal_access_token':
      return { kind, token: requiredField(call, 'token', provider.id), ...expiry() };
    default:
      throw new AuthKitError('invalid_request', 'The credential kind is missing or unknown.', {
        providerId: provider.id,
        detail: `the field "kind" must be one of ${KINDS.join(', ')}`,
      });
  }
}

/** Below this an all-digit time is epoch seconds (the usual API form), above it milliseconds (2001-09-09 either way). */
const EPOCH_MS_FROM = 1e12;

/** `expiresAt` as an ISO 8601 date or time, or an epoch time in seconds or milliseconds. */
function optionalTime(call: Call, provider: ProviderDefinition): number | undefined {
  const value = optionalField(call, 'expiresAt');
  if (value === undefined) return undefined;
  const digits = /^\d+$/.test(value) ? Number(value) : undefined;
  const time = digits === undefined ? Date.parse(value) : digits < EPOCH_MS_FROM ? digits * 1000 : digits;
  if (!Number.isFinite(time)) {
    throw new AuthKitError('invalid_request', 'expiresAt is not a date.', { providerId: provider.id, detail: 'the field "expiresAt" must be a date' });
  }
  return time;
}

/** The first `portal-N` label the owner has not used: a second paste never replaces the first. */
async function freeLabel(surface: Surface, provider: ProviderDefinition, ownerId: string, base: string): Promise<string> {
  const taken = new Set((await surface.authkit.listConnections({ providerId: provider.id, ownerId })).map((c) => c.label));
  for (let n = 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** `POST /:provider/credentials`: an API token pair, API key or personal access token. */
export async function connectStaticCredential(surface: Surface, call: Call, provider: ProviderDefinition): Promise<ConnectionView> {
  const ownerId = requireOwner(call, provider.id);
  const label = optionalField(call, 'label');
  return surface.authkit.connectStatic({
    providerId: provider.id,
    ownerId,
    credential: staticCredential(call, provider),
    ifExists: 'fail',
    ...(label === undefined ? {} : { label }),
  });
}

/**
 * `POST /:provider/refresh-token`: a refresh token pasted from the provider (a Planday
 * portal's). Without a label, the next free `portal-N` is used.
 */
export async function connectPastedRefreshToken(surface: Surface, call: Call, provider: ProviderDefinition): Promise<ConnectionView> {
  const ownerId = requireOwner(call, provider.id);
  const refreshToken = requiredField(call, 'refreshToken', provider.id);
  const label = optionalField(call, 'label') ?? (await freeLabel(surface, provider, ownerId, 'portal'));
  return surface.authkit.connectRefreshToken({ providerId: provider.id, ownerId, refreshToken, label, ifExists: 'fail' });
}

/** `POST /:provider/client-credentials`: server to server, with optional `scopes`. */
export async function connectWithClientCredentials(surface: Surface, call: Call, provider: ProviderDefinition): Promise<ConnectionView> {
  const ownerId = requireOwner(call, provider.id);
  const scopes = parseScopes(optionalField(call, 'scopes'));
  const label = optionalField(call, 'label');
  return surface.authkit.connectClientCredentials({
    providerId: provider.id,
    ownerId,
    ifExists: 'fail',
    ...(scopes === undefined ? {} : { scopes }),
    ...(label === undefined ? {} : { label }),
  });
}

/**
 * Reconnects an existing connection in place — same id and label, status back to usable —
 * the way it was made: a new static credential, a new pasted refresh token, the client
 * credentials grant again, or the browser authorization again (with `label` kept, so the
 * callback replaces this very connection). `connectionId` comes from the query (GET) or the
 * `connection` field (POST).
 */
export async function reconnect(surface: Surface, call: Call, provider: ProviderDefinition, connectionId?: string): Promise<CredentialOutcome> {
  const existing = await ownedConnection(surface, call, provider, connectionId);
  const ownerId = existing.ownerId;
  const label = existing.label === undefined ? {} : { label: existing.label };
  const authorize = async (): Promise<CredentialOutcome> => ({
    redirect: await startAuthorization(surface, call, { provider, ...label, ifExists: 'replace', ...(call.returnTo === undefined ? {} : { returnTo: call.returnTo }) }),
  });
  const post = call.request.method === 'POST';
  switch (existing.grant) {
    case 'static': {
      if (!post) break;
      const credential = staticCredential(call, provider, existing.credentialKind);
      return { connection: await surface.authkit.connectStatic({ providerId: provider.id, ownerId, credential, ...label, ifExists: 'replace' }) };
    }
    case 'refresh_token_bootstrap': {
      const refreshToken = post ? optionalField(call, 'refreshToken') : undefined;
      if (refreshToken !== undefined) {
        return { connection: await surface.authkit.connectRefreshToken({ providerId: provider.id, ownerId, refreshToken, ...label, ifExists: 'replace' }) };
      }
      if (supportsBrowserFlow(provider)) return authorize();
      if (post) requiredField(call, 'refreshToken', provider.id);
      break;
    }
    case 'client_credentials': {
      if (!post) break;
      return {
        connection: await surface.authkit.connectClientCredentials({ providerId: provider.id, ownerId, scopes: existing.scopes, ...label, ifExists: 'replace' }),
      };
    }
    case 'authorization_code':
      return authorize();
  }
  throw new AuthKitError('invalid_request', `This ${provider.name} connection is reconnected by submitting a new credential.`, {
    providerId: provider.id,
    detail: `this ${provider.name} connection is reconnected by submitting a new credential`,
  });
}
