import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestLogEntry } from './types';

/** Bodies above this are answered with 413 (the sandbox never buffers more). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Beyond this the socket is dropped instead of drained. */
const MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES;

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** The client went away before sending its whole body: nobody is left to answer. */
export class RequestAbortedError extends Error {
  override readonly name = 'RequestAbortedError';
}

/** Reads the request body, draining (not storing) oversized bodies so the 413 reaches the client. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) {
        req.destroy();
        return;
      }
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(new BodyTooLargeError('request body too large')) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new RequestAbortedError('request aborted'));
    });
  });
}

/** One request in flight: parsed URL, route params, body readers and response writers. */
export class Ctx {
  readonly url: URL;
  params: Record<string, string> = {};
  #body: Promise<Buffer> | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly entry: RequestLogEntry,
    base: string,
  ) {
    this.url = new URL(req.url ?? '/', base);
  }

  get method(): string {
    return this.req.method ?? 'GET';
  }

  /** A header's value; repeated headers are joined with ", " as HTTP allows. */
  header(name: string): string | undefined {
    const value = this.req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  body(): Promise<Buffer> {
    this.#body ??= readBody(this.req);
    return this.#body;
  }

  /** True when the request declares the given media type (parameters such as charset ignored). */
  hasContentType(type: string): boolean {
    const value = this.header('content-type');
    return value !== undefined && value.split(';')[0]?.trim().toLowerCase() === type;
  }

  /** Parses an `application/x-www-form-urlencoded` body; `undefined` for any other content type. */
  async form(): Promise<URLSearchParams | undefined> {
    const body = await this.body();
    if (!this.hasContentType('application/x-www-form-urlencoded')) return undefined;
    return new URLSearchParams(body.toString('utf8'));
  }

  /** Parses a JSON body; `undefined` when absent or not JSON. */
  async jsonBody(): Promise<unknown> {
    const body = await this.body();
    if (body.length === 0) return {};
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  get done(): boolean {
    return this.res.writableEnded || this.res.destroyed;
  }

  send(status: number, body: string | Buffer, headers: Record<string, string | number> = {}): void {
    if (this.done) return;
    this.entry.status = status;
    this.res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
    this.res.end(body);
  }

  json(status: number, value: unknown, headers: Record<string, string | number> = {}): void {
    this.send(status, JSON.stringify(value), {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    });
  }

  html(status: number, markup: string, headers: Record<string, string | number> = {}): void {
    this.send(status, markup, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
  }

  redirect(location: string): void {
    this.send(302, '', { location, 'cache-control': 'no-store' });
  }
}

/** Escapes text for HTML element and attribute content. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Reads `Authorization: Bearer <token>` (scheme case-insensitive, per RFC 6750). */
export function bearerToken(ctx: Ctx): string | undefined {
  const value = ctx.header('authorization');
  const match = value === undefined ? null : /^Bearer +([^\s]+)$/i.exec(value.trim());
  return match?.[1];
}

/** Reads HTTP Basic client credentials (RFC 6749 §2.3.1: form-urlencoded id and secret). */
export function basicCredentials(ctx: Ctx): { id: string; secret: string } | undefined {
  const value = ctx.header('authorization');
  const match = value === undefined ? null : /^Basic +([A-Za-z0-9+/=]+)$/i.exec(value.trim());
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}
