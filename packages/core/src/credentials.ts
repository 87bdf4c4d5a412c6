import type { Secret } from './secret';

/** The kinds of credential a provider can accept. */
export type CredentialKind = 'oauth2' | 'api_token' | 'api_key' | 'personal_access_token';

/** An OAuth2 token set (authorization code, refresh-token bootstrap or client credentials). */
export interface OAuth2Credential {
  readonly kind: 'oauth2';
  readonly accessToken: Secret;
  readonly refreshToken?: Secret;
  /** Case-insensitive per RFC 6749; normalised to the value the server sent. */
  readonly tokenType: string;
  /** Epoch milliseconds; undefined when the server gave no `expires_in` and no default applies. */
  readonly expiresAt?: number;
  /** When the access token was obtained (epoch ms): with `expiresAt`, its lifetime. */
  readonly issuedAt?: number;
  /** Epoch milliseconds, where the provider documents a refresh-token lifetime (Plannr: 6 months). */
  readonly refreshTokenExpiresAt?: number;
  /** Scopes granted (from the token response's `scope`, else the ones requested). */
  readonly scopes: readonly string[];
}

/** An API token pair, e.g. iGUIDE's token id + token value. */
export interface ApiTokenCredential {
  readonly kind: 'api_token';
  readonly tokenId: string;
  readonly tokenValue: Secret;
  readonly expiresAt?: number;
  readonly scopes?: readonly string[];
}

/** A static API key (header or query parameter, per the provider definition). */
export interface ApiKeyCredential {
  readonly kind: 'api_key';
  readonly key: Secret;
}

/** A personal access token, sent as a Bearer token. */
export interface PersonalAccessTokenCredential {
  readonly kind: 'personal_access_token';
  readonly token: Secret;
  readonly expiresAt?: number;
}

/** Every credential AuthKit can hold, discriminated by `kind`. */
export type Credential =
  | OAuth2Credential
  | ApiTokenCredential
  | ApiKeyCredential
  | PersonalAccessTokenCredential;

/** Static credentials as a user pastes them (plain strings; AuthKit wraps them as secrets). */
export type StaticCredentialInput =
  | { kind: 'api_token'; tokenId: string; tokenValue: string; expiresAt?: number; scopes?: readonly string[] }
  | { kind: 'api_key'; key: string }
  | { kind: 'personal_access_token'; token: string; expiresAt?: number };
