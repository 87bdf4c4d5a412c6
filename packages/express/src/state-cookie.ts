import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Binds an authorization's `state` to the browser that started it: the cookie holds the
 * state, the provider id and an expiry under an HMAC, so a callback carrying someone else's
 * state (login CSRF) or a forged cookie fails before core consumes anything.
 */
export class StateCookieSigner {
  readonly #key: Buffer;

  constructor(secret: string | undefined) {
    if (secret !== undefined && secret.length < 32) {
      throw new TypeError('@authkit/express: cookieSecret must be at least 32 characters');
    }
    this.#key = secret === undefined ? randomBytes(32) : Buffer.from(secret, 'utf8');
  }

  #mac(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url');
  }

  /** `state.expiresAt.mac`; state is base64url from core, so `.` is a safe separator. */
  sign(providerId: string, state: string, expiresAt: number): string {
    const value = `${state}.${expiresAt}`;
    return `${value}.${this.#mac(`${providerId}\n${value}`)}`;
  }

  /** The state if the cookie is authentic, for this provider and unexpired; else undefined. */
  verify(providerId: string, cookie: string | undefined, now: number): string | undefined {
    if (cookie === undefined) return undefined;
    const parts = cookie.split('.');
    if (parts.length !== 3) return undefined;
    const [state, expires, mac] = parts as [string, string, string];
    const expected = Buffer.from(this.#mac(`${providerId}\n${state}.${expires}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    if (!(Number(expires) > now)) return undefined;
    return state;
  }
}

/** Reads one cookie from a `Cookie` header without a cookie-parser dependency. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Cookie names allow a limited alphabet; provider ids are kebab-case but be safe anyway. */
export function stateCookieName(prefix: string, providerId: string): string {
  return `${prefix}_${providerId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
