import { toWebRequest } from '@authkit/core/node';
import type { Request } from 'express';

/**
 * The Web `Request` core sees. The origin is `appUrl`'s when configured (never trust `Host`
 * for it then), else the request's own, as Express reports it (honouring `trust proxy`).
 */
export function webRequest(req: Request, appOrigin: string | undefined): globalThis.Request {
  return toWebRequest(req, { origin: appOrigin ?? `${req.protocol}://${req.get('host') ?? 'localhost'}` });
}
