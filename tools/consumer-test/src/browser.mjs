/**
 * Just enough of a browser for the consumer test: a cookie jar (name, path, expiry), manual
 * redirects followed one by one, and HTML forms read and submitted as a browser would (every
 * named field, with its value; `Origin` set). Provider hosts reach the sandbox through
 * host-map.mjs, loaded into this process too.
 */
import { URLSearchParams } from 'node:url';

export class Browser {
  #cookies = new Map(); // host → Map(name → { value, path })

  /** One request, no redirect followed. `form` is sent as application/x-www-form-urlencoded. */
  async request(url, { method = 'GET', form, headers = {} } = {}) {
    const target = new URL(url);
    const sent = { ...headers };
    const cookie = this.#cookieHeader(target);
    if (cookie !== '') sent.cookie = cookie;
    let body;
    if (form !== undefined) {
      body = new URLSearchParams(form).toString();
      sent['content-type'] = 'application/x-www-form-urlencoded';
      sent.origin ??= target.origin;
    }
    const response = await fetch(target, { method, headers: sent, body, redirect: 'manual' });
    this.#store(target, response);
    return response;
  }

  /** Follows redirects from a request; returns the final response and every URL visited. */
  async navigate(url, options = {}) {
    const visited = [];
    let response = await this.request(url, options);
    let current = new URL(url);
    visited.push(`${options.method ?? 'GET'} ${current.href} → ${response.status}`);
    for (let hops = 0; response.status >= 300 && response.status < 400; hops += 1) {
      if (hops === 10) throw new Error(`too many redirects: ${visited.join(', ')}`);
      current = new URL(response.headers.get('location'), current);
      response = await this.request(current.href);
      visited.push(`GET ${current.href} → ${response.status}`);
    }
    return { response, url: current, visited };
  }

  /** Sets a cookie as a sign-in would have. */
  setCookie(url, name, value) {
    this.#jar(new URL(url).host).set(name, { value, path: '/' });
  }

  #jar(host) {
    if (!this.#cookies.has(host)) this.#cookies.set(host, new Map());
    return this.#cookies.get(host);
  }

  #cookieHeader(url) {
    const jar = this.#cookies.get(url.host);
    if (jar === undefined) return '';
    return [...jar]
      .filter(([, cookie]) => url.pathname === cookie.path || url.pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`))
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ');
  }

  #store(url, response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attribute = (key) => attributes.find((part) => part.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const expires = attribute('expires');
      const gone = attribute('max-age') === '0' || (expires !== undefined && Date.parse(expires) <= Date.now()) || value === '';
      const jar = this.#jar(url.host);
      if (gone) jar.delete(name);
      else jar.set(name, { value, path: attribute('path') ?? '/' });
    }
  }
}

/** The first `<form method="post">` of a page: its action and its named fields with their values. */
export function readForm(html) {
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (form === null) throw new Error(`no form in the page:\n${html.slice(0, 500)}`);
  const attribute = (tag, name) => new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(tag)?.[1];
  const action = attribute(form[0].slice(0, form[0].indexOf('>') + 1), 'action');
  const fields = {};
  for (const input of form[1].match(/<input\b[^>]*>/gi) ?? []) {
    const name = attribute(input, 'name');
    if (name !== undefined) fields[name] = decodeEntities(attribute(input, 'value') ?? '');
  }
  return { action: decodeEntities(action ?? ''), fields };
}

function decodeEntities(text) {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}
