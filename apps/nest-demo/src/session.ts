import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

const COOKIE = 'nest_demo_user';

/**
 * The demo's "sign in as" login: the user name in an HMAC-signed, httpOnly, SameSite=Lax
 * cookie. Stands in for the app's real session; AuthKit only needs `getOwner(req)`.
 */
export class DemoSession {
  readonly #key: string;
  readonly #secure: boolean;

  constructor(secret: string, secure: boolean) {
    this.#key = secret;
    this.#secure = secure;
  }

  #mac(value: string): string {
    return createHmac('sha256', this.#key).update(`demo-user\n${value}`).digest('base64url');
  }

  user(req: Request): string | undefined {
    const raw = (req.headers.cookie ?? '')
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${COOKIE}=`))
      ?.slice(COOKIE.length + 1);
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

  signIn(res: Response, name: string): void {
    res.cookie(COOKIE, `${name}.${this.#mac(name)}`, { httpOnly: true, sameSite: 'lax', secure: this.#secure, path: '/' });
  }

  signOut(res: Response): void {
    res.clearCookie(COOKIE, { httpOnly: true, sameSite: 'lax', secure: this.#secure, path: '/' });
  }
}

/** Demo user names: short, printable, no separators that could confuse ids. */
export function validUserName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim();
  return /^[A-Za-z0-9_.@-]{1,64}$/.test(name) ? name : undefined;
}
