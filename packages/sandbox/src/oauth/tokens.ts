import { randomBytes, randomUUID } from 'node:crypto';
import type { ProviderId } from '../types';

export type GrantKind = 'authorization_code' | 'refresh_token_bootstrap' | 'personal_access_token' | 'client_credentials';

/** Everything issued from one authorization; revoking it kills all its tokens. */
export interface Grant {
  readonly id: string;
  readonly provider: ProviderId;
  readonly kind: GrantKind;
  readonly clientId: string;
  /** The user (or, for Planday, the portal's authorizing user) the tokens act for. */
  readonly subject: string;
  readonly scopes: readonly string[];
  /** Planday: the portal the grant is bound to. */
  readonly portalId?: string;
  revoked: boolean;
}

export interface AccessToken {
  readonly value: string;
  readonly grant: Grant;
  readonly scopes: readonly string[];
  readonly expiresAt: number | null;
  revoked: boolean;
}

export interface RefreshToken {
  readonly value: string;
  readonly grant: Grant;
  readonly scopes: readonly string[];
  readonly expiresAt: number | null;
  /** Rotated out or revoked: presenting it again is reuse. */
  revoked: boolean;
  /** Access tokens issued together with this refresh token. */
  readonly accessTokens: Set<string>;
}

/** Opaque random token values; the prefix only helps a human reading a log. */
export function newTokenValue(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

/** In-memory token store: O(1) lookups so the refresh-storm benchmark stays cheap. */
export class TokenStore {
  readonly #access = new Map<string, AccessToken>();
  readonly #refresh = new Map<string, RefreshToken>();
  readonly #grants = new Map<string, Set<string>>();
  readonly #grantRecords = new Map<string, Grant>();

  createGrant(input: Omit<Grant, 'id' | 'revoked'>): Grant {
    const grant: Grant = { ...input, id: randomUUID(), revoked: false };
    this.#grants.set(grant.id, new Set());
    this.#grantRecords.set(grant.id, grant);
    return grant;
  }

  issueAccessToken(grant: Grant, prefix: string, scopes: readonly string[], ttlSeconds: number | null, now: number, refresh?: RefreshToken): AccessToken {
    const token: AccessToken = {
      value: newTokenValue(prefix),
      grant,
      scopes,
      expiresAt: ttlSeconds === null ? null : now + ttlSeconds * 1000,
      revoked: false,
    };
    this.#access.set(token.value, token);
    this.#grants.get(grant.id)?.add(token.value);
    refresh?.accessTokens.add(token.value);
    return token;
  }

  issueRefreshToken(grant: Grant, prefix: string, scopes: readonly string[], ttlSeconds: number | null, now: number): RefreshToken {
    const token: RefreshToken = {
      value: newTokenValue(prefix),
      grant,
      scopes,
      expiresAt: ttlSeconds === null ? null : now + ttlSeconds * 1000,
      revoked: false,
      accessTokens: new Set(),
    };
    this.#refresh.set(token.value, token);
    this.#grants.get(grant.id)?.add(token.value);
    return token;
  }

  /** A usable access token of this provider: known, not revoked, grant alive, not expired. */
  findAccessToken(provider: ProviderId, value: string, now: number): AccessToken | undefined {
    const token = this.#access.get(value);
    if (!token || token.grant.provider !== provider || token.revoked || token.grant.revoked) return undefined;
    if (token.expiresAt !== null && token.expiresAt <= now) return undefined;
    return token;
  }

  /** The raw refresh-token record (revoked or not): the caller decides which error applies. */
  getRefreshToken(provider: ProviderId, value: string): RefreshToken | undefined {
    const token = this.#refresh.get(value);
    return token && token.grant.provider === provider ? token : undefined;
  }

  getAccessToken(provider: ProviderId, value: string): AccessToken | undefined {
    const token = this.#access.get(value);
    return token && token.grant.provider === provider ? token : undefined;
  }

  revokeAccessToken(value: string): void {
    const token = this.#access.get(value);
    if (token) token.revoked = true;
  }

  /** Revokes a refresh token and the access tokens issued with it. */
  revokeRefreshToken(token: RefreshToken): void {
    token.revoked = true;
    for (const value of token.accessTokens) this.revokeAccessToken(value);
  }

  /** Revokes every live grant matching the filter (the user disconnects the app at the provider). */
  revokeGrants(filter: { provider: ProviderId; clientId?: string; portalId?: string; subject?: string }): number {
    let count = 0;
    for (const grant of this.#grantRecords.values()) {
      if (grant.revoked || grant.provider !== filter.provider) continue;
      if (filter.clientId !== undefined && grant.clientId !== filter.clientId) continue;
      if (filter.portalId !== undefined && grant.portalId !== filter.portalId) continue;
      if (filter.subject !== undefined && grant.subject !== filter.subject) continue;
      this.revokeGrant(grant);
      count += 1;
    }
    return count;
  }

  /** Revokes the whole grant: every access and refresh token issued from it. */
  revokeGrant(grant: Grant): void {
    grant.revoked = true;
    for (const value of this.#grants.get(grant.id) ?? []) {
      const access = this.#access.get(value);
      if (access) access.revoked = true;
      const refresh = this.#refresh.get(value);
      if (refresh) refresh.revoked = true;
    }
  }
}
