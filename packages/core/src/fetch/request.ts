import { AuthKitError } from '../errors';
import { isLoopbackHttp } from '../oauth/http';
import type { ProviderDefinition } from '../providers/types';

/** A request ready to be signed, possibly more than once (for the 401 retry). */
export interface PreparedRequest {
  readonly url: URL;
  readonly init: RequestInit;
  /** Caller headers; copied into a fresh `Headers` for each send. */
  readonly headers: HeadersInit | undefined;
  /** False for streamed bodies, which cannot be sent twice. */
  readonly replayable: boolean;
  /** What the caller asked for; AuthKit follows redirects itself to check each host. */
  readonly redirect: RequestRedirect;
}

const ABSOLUTE_URL = /^[a-zA-Z][a-zA-Z\d+.-]*:/;

/**
 * Resolves a request URL the way provider docs read: a relative path (leading `/` or not) is
 * appended to the base URL, so iGUIDE's `/integrations/test` is `{base}/integrations/test`.
 * `//host/path` stays on the base host instead of becoming protocol-relative.
 */
export function resolveUrl(baseUrl: string, input: string | URL): URL {
  if (input instanceof URL) return new URL(input.href);
  if (ABSOLUTE_URL.test(input)) return new URL(input);
  return new URL(`${baseUrl.replace(/\/+$/, '')}/${input.replace(/^\/+/, '')}`);
}

/** Per provider: its allowed hosts, and the verdicts already reached per `protocol//host`. */
const verdicts = new WeakMap<ProviderDefinition, { hosts: Set<string>; seen: Map<string, boolean> }>();

function isAllowed(provider: ProviderDefinition, url: URL): boolean {
  let entry = verdicts.get(provider);
  if (entry === undefined) {
    entry = { hosts: new Set(provider.allowedHosts.map((host) => host.toLowerCase())), seen: new Map() };
    verdicts.set(provider, entry);
  }
  const key = `${url.protocol}//${url.host}`;
  let allowed = entry.seen.get(key);
  if (allowed === undefined) {
    const protocolAllowed =
      url.protocol === 'https:' || (url.protocol === 'http:' && (isLoopbackHttp(url) || provider.baseUrl.startsWith('http:')));
    allowed = protocolAllowed && entry.hosts.has(url.host);
    // Bounded: only a few distinct origins are ever seen per provider, refused ones included.
    if (entry.seen.size < 256) entry.seen.set(key, allowed);
  }
  return allowed;
}

/** Refuses, before anything is sent, a URL whose host the provider does not own. */
export function assertAllowedUrl(provider: ProviderDefinition, url: URL): void {
  if (!isAllowed(provider, url)) {
    throw new AuthKitError(
      'host_not_allowed',
      `Refused to send ${provider.name} credentials to ${url.protocol}//${url.host}: not one of the provider's hosts.`,
      { providerId: provider.id },
    );
  }
}

function isReplayableBody(body: BodyInit | null | undefined): boolean {
  return body === undefined || body === null || !(typeof ReadableStream !== 'undefined' && body instanceof ReadableStream);
}

/** The synchronous (hot) path of {@link prepareRequest}: a string or `URL` input. */
export function prepareUrlRequest(provider: ProviderDefinition, input: string | URL, init?: RequestInit): PreparedRequest {
  const url = resolveUrl(provider.baseUrl, input);
  assertAllowedUrl(provider, url);
  return {
    url,
    init: init ?? {},
    headers: init?.headers,
    replayable: isReplayableBody(init?.body),
    redirect: init?.redirect ?? 'follow',
  };
}

/**
 * Normalises `fetch(input, init)` into one shape. A `Request` body is buffered so the
 * request can be replayed once after a refresh; a stream passed in `init.body` is not.
 */
export async function prepareRequest(provider: ProviderDefinition, input: string | URL | Request, init?: RequestInit): Promise<PreparedRequest> {
  if (typeof input === 'string' || input instanceof URL) return prepareUrlRequest(provider, input, init);
  const url = new URL(input.url);
  assertAllowedUrl(provider, url);
  const headers = new Headers(input.headers);
  if (init?.headers !== undefined) new Headers(init.headers).forEach((value, name) => headers.set(name, value));
  const method = init?.method ?? input.method;
  let body: BodyInit | null | undefined = init?.body;
  if (body === undefined && input.body !== null && method !== 'GET' && method !== 'HEAD') body = await input.arrayBuffer();
  const merged: RequestInit = {
    method,
    signal: init?.signal ?? input.signal,
    ...(body === undefined || body === null ? {} : { body }),
  };
  return {
    url,
    init: merged,
    headers,
    replayable: isReplayableBody(body),
    redirect: init?.redirect ?? input.redirect,
  };
}
