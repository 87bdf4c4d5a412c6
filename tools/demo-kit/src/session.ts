import { createHmac, timingSafeEqual } from 'node:crypto';

/** The part of a Node/Express request the session reads. */
export interface CookieRequest {
  headers: { cookie?: string | undefined };
}

/** Cookie options the session sets (Express's `res.cookie` accepts them). */
export interface SessionCookieOptions {
  httpOnly: boolean;
  sameSite: 'lax';
  secure: boolean;
  path: string;
}

/** The part of an Express response the session writes: structural, so the kit needs no Express. */
export interface CookieResponse {
  cookie(name: string, value: string, options: SessionCookieOptions): unknown;
  clearCookie(name: string, options: SessionCookieOptions): unknown;
}

/**
 * The demos' "sign in as" login: the user name in an HMAC-signed, httpOnly, SameSite=Lax
 * cookie. Stands in for the app's real session; AuthKit only needs `getOwner(req)`.
 */
export class DemoSession {
  readonly #cookie: string;
  readonly #key: string;
  readonly #secure: boolean;

  /** `cookie` differs per demo so demos on one host (localhost) do not sign each other out. */
  constructor(options: { cookie: string; secret: string; secure: boolean }) {
    this.#cookie = options.cookie;
    this.#key = options.secret;
    this.#secure = options.secure;
  }

  #mac(value: string): string {
    return createHmac('sha256', this.#key).update(`demo-user\n${value}`).digest('base64url');
  }

  #options(): SessionCookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.#secure, path: '/' };
  }

  user(req: CookieRequest): string | undefined {
    const raw = (req.headers.cookie ?? '')
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${this.#cookie}=`))
      ?.slice(this.#cookie.length + 1);
    if (!raw) return undefined;
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    const dot = value.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const name = value.slice(0, dot);
    const given = Buffer.from(value.slice(dot + 1));
    const expected = Buffer.from(this.#mac(name));
    return given.length === expected.length && timingSafeEqual(given, expected) ? name : undefined;
  }

  signIn(res: CookieResponse, name: string): void {
    res.cookie(this.#cookie, `${name}.${this.#mac(name)}`, this.#options());
  }

  signOut(res: CookieResponse): void {
    res.clearCookie(this.#cookie, this.#options());
  }
}
