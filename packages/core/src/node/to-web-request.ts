import { unreadBodies } from './unread-bodies';

const encoder = new TextEncoder();

/** The parts of a Node `IncomingMessage` (or an Express request) this module reads. */
export interface NodeRequestLike extends AsyncIterable<unknown> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  /** Express keeps the full path here once a router has rewritten `url`. */
  readonly originalUrl?: string | undefined;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Set by a body parser that ran earlier (the app's `express.json()`, Nest's defaults). */
  readonly body?: unknown;
  /** True once the body stream was consumed (by such a parser). */
  readonly readableEnded?: boolean;
  /** Node's `readable.iterator()`: lets reading stop without destroying the socket. */
  iterator?(options: { destroyOnReturn: boolean }): AsyncIterator<unknown>;
  /** Node's `readable.resume()`: discards what is left of a body nobody will read. */
  resume?(): unknown;
  /** Express's `req.protocol` (`https` behind a trusted proxy); absent on a bare Node request. */
  readonly protocol?: string | undefined;
}

/** Options of {@link toWebRequest}. */
export interface ToWebRequestOptions {
  /**
   * The origin to put on the URL: the app's own (`appUrl`'s, so `Host` is never trusted for
   * it) when configured; else the request's, from `protocol` (default `http`) and `Host`.
   */
  origin?: string | undefined;
}

/** The request's own origin, as the framework reports its protocol. */
function requestOrigin(req: NodeRequestLike): string {
  const host = req.headers.host;
  return `${req.protocol ?? 'http'}://${typeof host === 'string' && host !== '' ? host : 'localhost'}`;
}

function mediaType(req: NodeRequestLike): string {
  const value = req.headers['content-type'];
  return (typeof value === 'string' ? value : '').split(';')[0]!.trim().toLowerCase();
}

/** `a[b]=c` pairs for a parsed form value (the `qs` shape), so nothing parsed is lost. */
function formPairs(prefix: string, value: unknown, out: URLSearchParams): void {
  if (typeof value === 'string') out.append(prefix, value);
  else if (Array.isArray(value)) for (const item of value) formPairs(prefix, item, out);
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) formPairs(`${prefix}[${key}]`, item, out);
  else if (value !== undefined && value !== null) out.append(prefix, String(value));
}

/**
 * A body an earlier parser already consumed, serialised back in its media type, so the surface
 * parses (and limits, and rejects) it exactly as it would the original bytes.
 */
function reparsedBody(req: NodeRequestLike): string | Uint8Array<ArrayBuffer> {
  const body = req.body;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new Uint8Array(body);
  if (mediaType(req) === 'application/x-www-form-urlencoded' && typeof body === 'object' && body !== null) {
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(body)) formPairs(key, value, out);
    return out.toString();
  }
  return body === undefined ? '' : JSON.stringify(body);
}

/** The unread body as a Web stream, pulled lazily so a body limit stops reading early. */
function streamBody(req: NodeRequestLike): ReadableStream<Uint8Array> {
  // Not destroyed on early return: a 413 must still reach the client, and the connection
  // must stay usable for its next request once the rest of the body is discarded.
  const iterator = req.iterator?.({ destroyOnReturn: false }) ?? req[Symbol.asyncIterator]();
  unreadBodies.add(req);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) {
        unreadBodies.delete(req);
        controller.close();
      } else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : (value as Uint8Array));
    },
    async cancel() {
      await iterator.return?.();
      req.resume?.();
    },
  });
}

/**
 * A Web `Request` for a Node request: full URL on `origin`, every header, and the body —
 * streamed when unread, or re-serialised from `req.body` when a parser already read it.
 */
export function toWebRequest(req: NodeRequestLike, options: ToWebRequestOptions = {}): Request {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.originalUrl ?? req.url ?? '/', options.origin ?? requestOrigin(req));
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (typeof value === 'string') headers.set(name, value);
    else for (const item of value) headers.append(name, item);
  }
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  if (req.body !== undefined && req.readableEnded === true) {
    // The length header described the original bytes, not the re-serialised ones.
    headers.delete('content-length');
    return new Request(url, { method, headers, body: reparsedBody(req) });
  }
  // Node's fetch needs `duplex: 'half'` for a streamed body (not in the DOM typings).
  const init: RequestInit & { duplex: 'half' } = { method, headers, body: streamBody(req), duplex: 'half' };
  return new Request(url, init);
}
