import { randomBytes } from 'node:crypto';
import { newTokenValue } from '../oauth/tokens';
import type { SandboxState } from '../state';

/** What the portal shows once when an API token is created or rotated. */
export interface IguideApiToken {
  /** The token id: sent as `X-Plntr-App-Id`. */
  id: string;
  /** The token value: sent as `X-Plntr-App-Token`. Shown once. */
  token: string;
  /** The last characters of the value, for display. */
  tokenHint: string;
  /** ISO 8601. */
  expiresAt: string;
  createdAt: string;
  scopes: string[];
}

export interface IguideRotatedToken extends IguideApiToken {
  /** When the previous value stops working (ISO 8601): the end of the grace period. */
  previousTokenExpiresAt: string;
}

interface StoredToken {
  id: string;
  scopes: string[];
  createdAt: number;
  expiresAt: number;
  /** Current value first; older values keep working until their grace deadline. */
  values: { value: string; validUntil: number | null }[];
}

/** iGUIDE API tokens (id + value pairs), with rotation and a grace period on the sandbox clock. */
export class IguideApiTokens {
  readonly #tokens = new Map<string, StoredToken>();

  constructor(private readonly state: SandboxState) {}

  create(input: { scopes: string[]; expiresInSeconds?: number }): IguideApiToken {
    const now = this.state.clock.now();
    const ttl = input.expiresInSeconds ?? this.state.settings.iguide.apiTokenTtlSeconds;
    const stored: StoredToken = {
      id: `tok_${randomBytes(12).toString('hex')}`,
      scopes: [...input.scopes],
      createdAt: now,
      expiresAt: now + ttl * 1000,
      values: [{ value: newTokenValue('igt'), validUntil: null }],
    };
    this.#tokens.set(stored.id, stored);
    return view(stored, now);
  }

  /** Issues a new value; the previous one keeps working for the grace period. */
  rotate(id: string, gracePeriodSeconds?: number): IguideRotatedToken | undefined {
    const stored = this.#tokens.get(id);
    const now = this.state.clock.now();
    if (!stored || stored.expiresAt <= now) return undefined;
    const grace = gracePeriodSeconds ?? this.state.settings.iguide.apiTokenGracePeriodSeconds;
    const previousUntil = now + grace * 1000;
    const current = stored.values[0];
    if (current) current.validUntil = previousUntil;
    stored.values = [{ value: newTokenValue('igt'), validUntil: null }, ...stored.values.filter((v) => v.validUntil !== null && v.validUntil > now)];
    return { ...view(stored, now), previousTokenExpiresAt: new Date(previousUntil).toISOString() };
  }

  revoke(id: string): boolean {
    return this.#tokens.delete(id);
  }

  /** The token's scopes when `id` + `value` is a live pair. */
  authenticate(id: string, value: string): string[] | undefined {
    const stored = this.#tokens.get(id);
    const now = this.state.clock.now();
    if (!stored || stored.expiresAt <= now) return undefined;
    const match = stored.values.find((v) => v.value === value && (v.validUntil === null || v.validUntil > now));
    return match ? stored.scopes : undefined;
  }
}

function view(stored: StoredToken, _now: number): IguideApiToken {
  const token = stored.values[0]?.value ?? '';
  return {
    id: stored.id,
    token,
    tokenHint: `…${token.slice(-4)}`,
    expiresAt: new Date(stored.expiresAt).toISOString(),
    createdAt: new Date(stored.createdAt).toISOString(),
    scopes: [...stored.scopes],
  };
}
