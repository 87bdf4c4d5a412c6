import { randomBytes } from 'node:crypto';
import type { ProviderId } from '../types';
import type { Grant } from './tokens';

/** The parameters of an authorization request, kept server-side while the user decides. */
export interface AuthorizationRequest {
  provider: ProviderId;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  codeChallenge?: string;
  nonce?: string;
}

export interface AuthorizationCode extends AuthorizationRequest {
  value: string;
  subject: string;
  portalId?: string;
  expiresAt: number;
  used: boolean;
  /** The grant issued when the code was exchanged; revoked if the code is replayed (RFC 6749 §4.1.2). */
  grant?: Grant;
}

export interface PendingAuthorization extends AuthorizationRequest {
  id: string;
  expiresAt: number;
}

/** Pending consent decisions live this long (sandbox clock). */
const PENDING_TTL_MS = 10 * 60 * 1000;
/** Expired entries are swept when a map grows beyond this. */
const SWEEP_AT = 10_000;

/** One-time, expiring authorization codes and pending consent requests. */
export class CodeStore {
  readonly #codes = new Map<string, AuthorizationCode>();
  readonly #pending = new Map<string, PendingAuthorization>();

  issue(request: AuthorizationRequest, subject: string, portalId: string | undefined, ttlSeconds: number, now: number): AuthorizationCode {
    if (this.#codes.size > SWEEP_AT) sweep(this.#codes, now - 3600_000);
    const code: AuthorizationCode = {
      ...request,
      value: randomBytes(32).toString('base64url'),
      subject,
      ...(portalId === undefined ? {} : { portalId }),
      expiresAt: now + ttlSeconds * 1000,
      used: false,
    };
    this.#codes.set(code.value, code);
    return code;
  }

  get(provider: ProviderId, value: string): AuthorizationCode | undefined {
    const code = this.#codes.get(value);
    return code?.provider === provider ? code : undefined;
  }

  addPending(request: AuthorizationRequest, now: number): PendingAuthorization {
    if (this.#pending.size > SWEEP_AT) sweep(this.#pending, now);
    const pending: PendingAuthorization = { ...request, id: randomBytes(18).toString('base64url'), expiresAt: now + PENDING_TTL_MS };
    this.#pending.set(pending.id, pending);
    return pending;
  }

  /** Takes (and forgets) a pending request: a consent form can be submitted once. */
  takePending(provider: ProviderId, id: string, now: number): PendingAuthorization | undefined {
    const pending = this.#pending.get(id);
    if (!pending || pending.provider !== provider) return undefined;
    this.#pending.delete(id);
    return pending.expiresAt > now ? pending : undefined;
  }
}

function sweep(map: Map<string, { expiresAt: number }>, before: number): void {
  for (const [key, value] of map) if (value.expiresAt < before) map.delete(key);
}
