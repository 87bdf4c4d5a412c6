import { OWNER_HEADER } from './types';

/** One answer as the suite records it: status, lower-cased headers, every Set-Cookie, body text. */
export interface Answer {
  status: number;
  headers: Headers;
  cookies: string[];
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** Every response body the suite saw, for the final secret scan. */
export const seenBodies: string[] = [];

/**
 * A browser for one site: a cookie jar (Path honoured, as browsers do for the state cookie),
 * an owner header standing in for the app's session, and no automatic redirects.
 */
export class Browser {
  readonly #cookies = new Map<string, { value: string; path: string }>();

  constructor(
    readonly origin: string,
    public owner: string | undefined,
  ) {}

  cookie(name: string): string | undefined {
    return this.#cookies.get(name)?.value;
  }

  setCookie(name: string, value: string, path = '/'): void {
    this.#cookies.set(name, { value, path });
  }

  #cookieHeader(url: URL): string | undefined {
    const pairs = [...this.#cookies].filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`));
    return pairs.length === 0 ? undefined : pairs.map(([name, c]) => `${name}=${c.value}`).join('; ');
  }

  #take(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const maxAge = attributes.find((a) => a.toLowerCase().startsWith('max-age='));
      if (value === '' || maxAge?.slice(8) === '0') this.#cookies.delete(name);
      else this.#cookies.set(name, { value, path });
    }
  }

  /** Sends a request from this browser (relative URLs resolve against the app). */
  async send(target: string, init: RequestInit & { navigate?: boolean } = {}): Promise<Answer> {
    const url = new URL(target, this.origin);
    const headers = new Headers(init.headers);
    if (this.owner !== undefined) headers.set(OWNER_HEADER, this.owner);
    if (init.navigate) headers.set('accept', 'text/html,application/xhtml+xml');
    const cookie = url.origin === this.origin ? this.#cookieHeader(url) : undefined;
    if (cookie !== undefined) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    const cookies = response.headers.getSetCookie();
    if (url.origin === this.origin) this.#take(cookies);
    const text = await response.text();
    seenBodies.push(text);
    return {
      status: response.status,
      headers: response.headers,
      cookies,
      text,
      json: <T>() => JSON.parse(text) as T,
    };
  }

  get(target: string, init: RequestInit & { navigate?: boolean } = {}): Promise<Answer> {
    return this.send(target, init);
  }

  /** A same-origin JSON POST, as the app's own scripts would send it. */
  postJson(target: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send(target, { method: 'POST', headers: { 'content-type': 'application/json', origin: this.origin, ...headers }, body: JSON.stringify(body) });
  }

  /** A same-origin HTML form POST (a navigation). */
  postForm(target: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send(target, {
      method: 'POST',
      navigate: true,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.origin, ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }
}
