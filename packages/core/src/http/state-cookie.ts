import { AuthKitError } from '../errors';
import type { Secret } from '../secret';

const encoder = new TextEncoder();

function base64url(bytes: ArrayBuffer): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(value: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) return undefined;
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Minimum length of a cookie secret: 32 characters, as for an HS256 key. */
export const MIN_COOKIE_SECRET_LENGTH = 32;

/**
 * Binds an authorization's `state` to the browser that started it: the cookie carries the
 * state, its expiry and an HMAC-SHA256 (Web Crypto) over both and the provider id, so a
 * callback carrying someone else's state (login CSRF) or a forged cookie fails before the
 * pending authorization is touched.
 */
export class StateCookieSigner {
  readonly #key: Promise<CryptoKey>;

  constructor(secret: Secret) {
    const raw = secret.reveal();
    if (raw.length < MIN_COOKIE_SECRET_LENGTH) {
      throw new AuthKitError(
        'configuration_error',
        `The cookie secret must be at least ${MIN_COOKIE_SECRET_LENGTH} characters: it signs the cookie that ties an authorization to the browser that started it.`,
      );
    }
    this.#key = crypto.subtle.importKey('raw', encoder.encode(raw), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  /** `state.expiresAt.mac`; core's states are base64url, so `.` is a safe separator. */
  async sign(providerId: string, state: string, expiresAt: number): Promise<string> {
    const value = `${state}.${expiresAt}`;
    const mac = await crypto.subtle.sign('HMAC', await this.#key, encoder.encode(`${providerId}\n${value}`));
    return `${value}.${base64url(mac)}`;
  }

  /** The state if the cookie is authentic, for this provider and unexpired; else undefined. */
  async verify(providerId: string, cookie: string | undefined, now: number): Promise<string | undefined> {
    if (cookie === undefined) return undefined;
    const parts = cookie.split('.');
    if (parts.length !== 3) return undefined;
    const [state, expires, mac] = parts as [string, string, string];
    const signature = fromBase64url(mac);
    if (signature === undefined || state === '') return undefined;
    // Web Crypto's verify compares in constant time.
    const authentic = await crypto.subtle.verify('HMAC', await this.#key, signature, encoder.encode(`${providerId}\n${state}.${expires}`));
    if (!authentic || !(Number(expires) > now)) return undefined;
    return state;
  }
}

/**
 * The cookies of a `Cookie` header by name, values percent-decoded. The first of two with one
 * name wins (browsers send the most specific path first); an undecodable value is left out.
 */
export function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // not percent-encoding: not a value this code wrote
    }
  }
  return cookies;
}

/** Reads one cookie from a `Cookie` header. */
export function readCookie(header: string | null, name: string): string | undefined {
  return parseCookies(header).get(name);
}

/** Attributes of the state cookie: HttpOnly, SameSite=Lax, scoped to the callback path. */
export interface StateCookieAttributes {
  path: string;
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
}

/** A `Set-Cookie` value. */
export function serializeCookie(name: string, value: string, attributes: StateCookieAttributes): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${attributes.path}`, `Max-Age=${attributes.maxAge}`, 'HttpOnly', 'SameSite=Lax'];
  if (attributes.maxAge === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (attributes.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Cookie names allow a limited alphabet; provider ids are kebab-case, but be safe anyway. */
export function stateCookieName(prefix: string, providerId: string): string {
  return `${prefix}_${providerId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
