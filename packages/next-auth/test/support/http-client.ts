/**
 * A tiny browser stand-in for tests: a cookie jar per site and manual redirects, over real HTTP.
 * Cookies are kept per host:port, which is all these tests need (no paths, no expiry).
 */
export class CookieClient {
  readonly #jar = new Map<string, Map<string, string>>();

  cookies(url: string): Map<string, string> {
    const host = new URL(url).host;
    let cookies = this.#jar.get(host);
    if (!cookies) {
      cookies = new Map();
      this.#jar.set(host, cookies);
    }
    return cookies;
  }

  async request(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const cookies = this.cookies(url);
    const headers = new Headers(init.headers);
    if (cookies.size > 0) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    let body: string | undefined;
    if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, redirect: 'manual', ...(body ? { body } : {}) });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  }

  /** Follows redirects (any site) until a non-redirect response or `stopAt` matches the next URL. */
  async follow(url: string, stopAt?: (next: URL) => boolean, init: Parameters<CookieClient['request']>[1] = {}): Promise<{ response: Response; url: string }> {
    let current = url;
    let response = await this.request(current, init);
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
      const location = response.headers.get('location');
      if (!location) break;
      current = new URL(location, current).toString();
      if (stopAt?.(new URL(current))) return { response, url: current };
      response = await this.request(current);
    }
    return { response, url: current };
  }
}
