// Express ⇄ Web translation, in one place: core takes URLs and returns Web Responses.
import type { Request, Response } from 'express';

/** The current request's full URL; the origin comes from `appUrl` when given (not from `Host`). */
export function requestUrl(req: Request, appUrl?: string): URL {
  const origin = appUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  return new URL(req.originalUrl, origin);
}

/** The callback URL of a provider under the router's mount path, or undefined without `appUrl`. */
export function callbackUrl(req: Request, providerId: string, appUrl?: string): string | undefined {
  if (appUrl === undefined) return undefined;
  return new URL(`${req.baseUrl}/${encodeURIComponent(providerId)}/callback`, appUrl).href;
}

// fetch has already decoded the body and framed it, so these must not be forwarded.
const SKIPPED_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'set-cookie']);

/**
 * Sends a Web `Response` (e.g. from `req.authkit.client(id).fetch(...)`) through Express.
 * The provider's cookies are dropped: they belong to the provider, not to this app.
 */
export async function sendWebResponse(res: Response, response: globalThis.Response): Promise<void> {
  res.status(response.status);
  response.headers.forEach((value, name) => {
    if (!SKIPPED_HEADERS.has(name.toLowerCase())) res.setHeader(name, value);
  });
  const body = Buffer.from(await response.arrayBuffer());
  res.end(body);
}

/** Reads a string field from a parsed JSON or urlencoded body, or undefined. */
export function bodyString(req: Request, field: string): string | undefined {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

/** Reads a string query parameter (Express 5's simple parser gives strings or arrays). */
export function queryString(req: Request, field: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}
