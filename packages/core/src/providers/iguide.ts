/**
 * iGUIDE Portal — https://docs.youriguide.com/guides/authentication
 *
 * Credentials: an API token (token id + token value, shown once, long-lived) from Portal
 * Settings → API Management → API Tokens, or an OAuth app (client id + secret) for user
 * authorization. Every request carries `X-Plntr-App-Id` and `X-Plntr-App-Token`, never
 * `Authorization: Bearer`. iGUIDE does not publish its OAuth authorize/token URLs, so they
 * must be configured explicitly when the OAuth app is used.
 */
import { secret, type Secret } from '../secret';
import type { StaticCredentialInput } from '../credentials';
import { AuthKitError } from '../errors';
import {
  checkUrl,
  hostsOf,
  joinUrl,
  parseRetryAfterHeader,
  problemWithStaticCredential,
  requireOption,
  scopeMentioned,
  stringField,
} from './shared';
import { verificationFailure } from './verify';
import type { ProviderDefinition, ProviderErrorInfo, RateLimitRule, SignRequestContext } from './types';

const DEFAULT_BASE_URL = 'https://manage.youriguide.com/api/v1';
const OAUTH_ACCESS_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

/** The iGUIDE scope catalogue (`iguide.rw` includes `iguide.ro`). */
export const IGUIDE_SCOPES = {
  'iguide.list': { description: "List user's iGUIDEs and access metadata (read-only)" },
  'iguide.ro': { description: 'Read iGUIDE metadata (excludes billing)' },
  'iguide.rw': { description: 'Read and write iGUIDE data (excludes billing/tasks)', implies: ['iguide.ro'] },
  'iguide.tasks': { description: 'Create and manage iGUIDE tasks and work orders' },
  'iguide.billing': { description: 'Access iGUIDE billing information' },
  'iguide.gallery': { description: 'Upload and remove gallery images' },
  'iguide.events': { description: 'Receive iGUIDE events and dispatch webhooks' },
  'iguide.draft.ro': { description: 'Download iGUIDE draft data' },
  'viewer.data': { description: 'Access Viewer API data endpoints' },
  'banner.list': { description: 'Access public banners' },
  'credentials.manage': { description: 'Manage API tokens and OAuth applications' },
} as const;

/** Options of {@link iguide}. */
export interface IguideOptions {
  /** Provider id; default `iguide`. */
  id?: string;
  /** API base; default `https://manage.youriguide.com/api/v1`. */
  baseUrl?: string;
  /** OAuth app client id. Omit to accept API tokens only. */
  clientId?: string;
  clientSecret?: string | Secret;
  /** Required with `clientId`: iGUIDE does not document a default. */
  authorizationEndpoint?: string;
  /** Required with `clientId`: iGUIDE does not document a default. */
  tokenEndpoint?: string;
  revocationEndpoint?: string;
  redirectUri?: string;
  /** Scopes requested by default in the OAuth flow. Default `['iguide.list', 'iguide.ro']`. */
  scopes?: readonly string[];
  /** iGUIDE does not document PKCE support; on by default, switch off if the server rejects it. */
  pkce?: boolean;
  /** iGUIDE does not document refresh-token rotation; AuthKit stores any new refresh token anyway. */
  rotatesRefreshTokens?: boolean;
  /** Requests per second per App ID, for optional pacing. Default 50. */
  requestsPerSecond?: number;
  /** Extra hosts credentials may go to (the base URL's host is always allowed). */
  allowedHosts?: readonly string[];
}

function signIguide({ headers, credential }: SignRequestContext, clientId: string | undefined): void {
  // iGUIDE rejects Bearer; drop one a caller may have set so no token leaks in the wrong header.
  headers.delete('Authorization');
  if (credential.kind === 'api_token') {
    headers.set('X-Plntr-App-Id', credential.tokenId);
    headers.set('X-Plntr-App-Token', credential.tokenValue.reveal());
    return;
  }
  if (credential.kind === 'oauth2' && clientId !== undefined) {
    headers.set('X-Plntr-App-Id', clientId);
    headers.set('X-Plntr-App-Token', credential.accessToken.reveal());
    return;
  }
  throw new AuthKitError('configuration_error', `iGUIDE cannot sign a request with a ${credential.kind} credential.`, {
    providerId: 'iguide',
  });
}

function parseIguideError(status: number, body: unknown): ProviderErrorInfo | undefined {
  const code = stringField(body, 'code');
  const message = stringField(body, 'message');
  if (status === 401 || code === 'unauthenticated') {
    return { code: 'unauthenticated', message: message ?? 'iGUIDE rejected the credentials (unauthenticated)' };
  }
  if (status === 403 || code === 'permission_denied') {
    const requiredScope = stringField(body, 'requiredScope') ?? scopeMentioned(message);
    return {
      code: 'permission_denied',
      message: message ?? 'iGUIDE denied permission (permission_denied)',
      ...(requiredScope === undefined ? {} : { requiredScope }),
    };
  }
  if (status === 429 || code === 'resource_exhausted') {
    return { code: 'rate_limited', message: message ?? 'iGUIDE rate limit reached (resource_exhausted)' };
  }
  if (code === 'invalid_argument' && status === 400) {
    return { code: 'invalid_credential', message: message ?? 'iGUIDE rejected an argument (invalid_argument)' };
  }
  return undefined;
}

/** iGUIDE Portal: API token pair or OAuth app; signed with `X-Plntr-App-Id` + `X-Plntr-App-Token`. */
export function iguide(options: IguideOptions = {}): ProviderDefinition {
  const id = options.id ?? 'iguide';
  const baseUrl = checkUrl(id, 'baseUrl', options.baseUrl ?? DEFAULT_BASE_URL);
  const clientId = options.clientId;
  const oauth2: ProviderDefinition['oauth2'] =
    clientId === undefined
      ? undefined
      : {
          clientId,
          clientSecret: secret(requireOption(id, 'clientSecret', options.clientSecret)),
          clientAuthentication: 'client_secret_post',
          authorizationEndpoint: checkUrl(
            id,
            'authorizationEndpoint',
            requireOption(id, 'authorizationEndpoint', options.authorizationEndpoint, 'iGUIDE does not publish its OAuth URLs.'),
          ),
          tokenEndpoint: checkUrl(
            id,
            'tokenEndpoint',
            requireOption(id, 'tokenEndpoint', options.tokenEndpoint, 'iGUIDE does not publish its OAuth URLs.'),
          ),
          ...(options.revocationEndpoint === undefined ? {} : { revocationEndpoint: options.revocationEndpoint }),
          ...(options.redirectUri === undefined ? {} : { redirectUri: options.redirectUri }),
          pkce: options.pkce ?? true,
          scopeSeparator: ' ',
          defaultScopes: options.scopes ?? ['iguide.list', 'iguide.ro'],
          grants: ['authorization_code', 'refresh_token'],
          defaultAccessTokenLifetimeSeconds: OAUTH_ACCESS_TOKEN_LIFETIME_SECONDS,
          rotatesRefreshTokens: options.rotatesRefreshTokens ?? false,
        };
  const rateLimits: RateLimitRule[] = [{ per: 'client', limit: options.requestsPerSecond ?? 50, windowMs: 1000 }];

  return {
    id,
    name: 'iGUIDE Portal',
    baseUrl,
    allowedHosts: [...new Set([...hostsOf(baseUrl), ...(options.allowedHosts ?? [])])],
    credentialKinds: clientId === undefined ? ['api_token'] : ['api_token', 'oauth2'],
    ...(oauth2 === undefined ? {} : { oauth2 }),
    scopes: IGUIDE_SCOPES,
    rateLimits,
    signRequest: (context) => signIguide(context, clientId),
    parseError: (status, body) => parseIguideError(status, body),
    // iGUIDE's Retry-After is in fractional seconds (e.g. 0.52).
    parseRetryAfter: (headers) => parseRetryAfterHeader(headers),
    validateCredential: (input: StaticCredentialInput) =>
      input.kind === 'api_token' ? problemWithStaticCredential(input) : `iGUIDE accepts an API token pair, not a ${input.kind}`,
    async verify({ fetch }) {
      const response = await fetch(joinUrl(baseUrl, 'integrations/test'), { method: 'POST' });
      if (!response.ok) throw verificationFailure(id, response.status);
      const body: unknown = await response.json().catch(() => undefined);
      const appId = stringField(body, 'appId');
      return appId === undefined ? {} : { subject: appId, metadata: { appId } };
    },
  };
}
