/**
 * Plannr CRM — https://api-how-to.plannrcrm.com/getting-started/authorization
 *
 * Credentials: a personal access token (1 year) or an OAuth2 client (id + secret, from
 * integrations@plannrcrm.com, redirect URLs registered by Plannr). Scope is `*`. Every request
 * needs `Authorization: Bearer …` and `X-PLANNR-ACCOUNT-UUID` (the account the connection acts
 * for, found through `GET /api/v1/logins`). The server is Laravel Passport: each refresh
 * revokes the old refresh token, and refresh tokens expire after 6 months.
 */
import { checkUrl, hostsOf, joinUrl, parseStandardError, problemWithStaticCredential, signBearer, stringField } from './shared';
import { secret, type Secret } from '../secret';
import type { ProviderCallContext, ProviderDefinition, ProviderErrorInfo } from './types';
import { AuthKitError } from '../errors';
import { verificationFailure } from './verify';

const DEFAULT_BASE_URL = 'https://api.plannrcrm.com';
/** Plannr: "The refresh token will expire after 6 months". 180 days errs on the early side. */
const REFRESH_TOKEN_LIFETIME_SECONDS = 180 * 24 * 60 * 60;

/** Options of {@link plannr}. */
export interface PlannrOptions {
  /** Provider id; default `plannr`. */
  id?: string;
  /** Default `https://api.plannrcrm.com`. */
  baseUrl?: string;
  /** OAuth2 client; omit to accept personal access tokens only. */
  clientId?: string;
  clientSecret?: string | Secret;
  redirectUri?: string;
  /** Default `{baseUrl}/oauth/authorize`. */
  authorizationEndpoint?: string;
  /** Default `{baseUrl}/oauth/token`. */
  tokenEndpoint?: string;
  /** Laravel Passport accepts PKCE S256; on by default. */
  pkce?: boolean;
  /** Requests per minute per user, for optional pacing. Default 500. */
  requestsPerMinute?: number;
  allowedHosts?: readonly string[];
}

interface LoginEntry {
  accountUuid?: string;
  accountName?: string;
}

/** Reads `GET /api/v1/logins` tolerantly: `data[]` or a bare array, `account.uuid` or `account_uuid`. */
function readLogins(body: unknown): { preferred?: string; logins: LoginEntry[]; userName?: string; userUuid?: string } {
  const root = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const list = Array.isArray(body) ? body : Array.isArray(root.data) ? root.data : [];
  const logins: LoginEntry[] = list.map((item: unknown) => {
    const account = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).account : undefined;
    const accountUuid = stringField(account, 'uuid') ?? stringField(item, 'account_uuid');
    const accountName = stringField(account, 'name');
    return { ...(accountUuid === undefined ? {} : { accountUuid }), ...(accountName === undefined ? {} : { accountName }) };
  });
  const preferred =
    stringField(root, 'preferred_account_uuid') ??
    list.map((item: unknown) => stringField(item, 'preferred_account_uuid')).find((value) => value !== undefined);
  const user = root.user ?? root.meta;
  const userName = stringField(user, 'name') ?? stringField(root, 'name');
  const userUuid = stringField(user, 'uuid');
  return {
    ...(preferred === undefined ? {} : { preferred }),
    logins,
    ...(userName === undefined ? {} : { userName }),
    ...(userUuid === undefined ? {} : { userUuid }),
  };
}

function parsePlannrError(status: number, body: unknown): ProviderErrorInfo | undefined {
  // Two shapes: {"error","error_description","hint","message"} and the older {"message": "..."}.
  return parseStandardError(status, body);
}

/** Plannr: OAuth2 (rotating refresh tokens) or personal access token; Bearer + account uuid header. */
export function plannr(options: PlannrOptions = {}): ProviderDefinition {
  const id = options.id ?? 'plannr';
  const baseUrl = checkUrl(id, 'baseUrl', options.baseUrl ?? DEFAULT_BASE_URL);
  const oauth2: ProviderDefinition['oauth2'] =
    options.clientId === undefined
      ? undefined
      : {
          clientId: options.clientId,
          ...(options.clientSecret === undefined ? {} : { clientSecret: secret(options.clientSecret) }),
          clientAuthentication: 'client_secret_post',
          authorizationEndpoint: checkUrl(id, 'authorizationEndpoint', options.authorizationEndpoint ?? joinUrl(baseUrl, 'oauth/authorize')),
          tokenEndpoint: checkUrl(id, 'tokenEndpoint', options.tokenEndpoint ?? joinUrl(baseUrl, 'oauth/token')),
          ...(options.redirectUri === undefined ? {} : { redirectUri: options.redirectUri }),
          pkce: options.pkce ?? true,
          scopeSeparator: ' ',
          defaultScopes: ['*'],
          grants: ['authorization_code', 'refresh_token'],
          refreshTokenLifetimeSeconds: REFRESH_TOKEN_LIFETIME_SECONDS,
          rotatesRefreshTokens: true,
          userInfoEndpoint: joinUrl(baseUrl, 'api/v1/logins'),
        };

  return {
    id,
    name: 'Plannr',
    baseUrl,
    allowedHosts: [...new Set([...hostsOf(baseUrl), ...(options.allowedHosts ?? [])])],
    credentialKinds: oauth2 === undefined ? ['personal_access_token'] : ['oauth2', 'personal_access_token'],
    ...(oauth2 === undefined ? {} : { oauth2 }),
    rateLimits: [{ per: 'connection', limit: options.requestsPerMinute ?? 500, windowMs: 60_000 }],
    signRequest(context) {
      signBearer(context);
      const accountUuid = context.connection.metadata.accountUuid;
      if (accountUuid !== undefined && !context.headers.has('X-PLANNR-ACCOUNT-UUID')) {
        context.headers.set('X-PLANNR-ACCOUNT-UUID', accountUuid);
      }
      if (!context.headers.has('Accept')) context.headers.set('Accept', 'application/json');
    },
    parseError: (status, body) => parsePlannrError(status, body),
    validateCredential: (input) =>
      input.kind === 'personal_access_token' ? problemWithStaticCredential(input) : `Plannr accepts a personal access token, not a ${input.kind}`,
    /**
     * `GET /api/v1/logins`, read-only and open to both credential kinds: a pasted personal access
     * token is checked before it is saved, and maintenance re-checks it. The subject is the user.
     */
    async verify({ fetch }) {
      const response = await fetch(joinUrl(baseUrl, 'api/v1/logins'));
      if (!response.ok) throw verificationFailure(id, response.status);
      const { userUuid } = readLogins(await response.json().catch(() => undefined));
      return userUuid === undefined ? {} : { subject: userUuid };
    },
    /** Picks the account the connection acts for: an explicit one, else the preferred, else the first. */
    async resolveMetadata({ fetch, connection }: ProviderCallContext) {
      const response = await fetch(joinUrl(baseUrl, 'api/v1/logins'));
      if (!response.ok) {
        throw new AuthKitError('provider_unavailable', `Plannr logins lookup failed with HTTP ${response.status}.`, {
          providerId: id,
          status: response.status,
        });
      }
      const { preferred, logins, userName } = readLogins(await response.json());
      const wanted = connection.metadata.accountUuid;
      const chosen =
        (wanted !== undefined ? logins.find((login) => login.accountUuid === wanted) : undefined) ??
        (preferred !== undefined ? logins.find((login) => login.accountUuid === preferred) : undefined) ??
        logins[0];
      const accountUuid = chosen?.accountUuid ?? preferred;
      if (accountUuid === undefined) {
        throw new AuthKitError('invalid_credential', 'Plannr returned no account for this login.', { providerId: id });
      }
      if (wanted !== undefined && chosen?.accountUuid !== wanted) {
        throw new AuthKitError('invalid_credential', 'The Plannr login does not belong to the requested account.', {
          providerId: id,
        });
      }
      return {
        accountUuid,
        ...(chosen?.accountName === undefined ? {} : { accountName: chosen.accountName }),
        ...(userName === undefined ? {} : { userName }),
      };
    },
  };
}
