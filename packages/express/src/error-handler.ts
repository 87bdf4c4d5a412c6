import { AuthKitError, httpErrorResponse, type ConnectHandler } from '@authkit/core';
import { sendWebResponse } from '@authkit/core/node';
import type { ErrorRequestHandler } from 'express';

/**
 * Errors raised by a body parser that ran before the router (the app's `express.json()`):
 * answered like the surface's own, and never with the parser's message, which quotes the
 * body — a pasted token.
 */
function bodyParserError(err: unknown): AuthKitError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err) || typeof err.type !== 'string') return undefined;
  switch (err.type) {
    case 'entity.too.large':
      return new AuthKitError('payload_too_large', 'The request body is too large.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AuthKitError('unsupported_media_type', 'The request body must be JSON or a form.');
    case 'entity.parse.failed':
    case 'entity.verify.failed':
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new AuthKitError('invalid_request', 'The request body is not usable.', { detail: 'it must be a JSON object or a form' });
    default:
      return undefined;
  }
}

/**
 * Express error handler answering AuthKit errors with core's `toHttpError` (status,
 * `Retry-After`, JSON `{ code, message, providerId, reauthorizeUrl? }` pointing at this
 * surface's routes). Body-parser errors on the surface's paths are answered too, without
 * their message. Other errors go to the next handler.
 */
export function createErrorHandler(handler: ConnectHandler): ErrorRequestHandler {
  return (err, req, res, next) => {
    const onSurface = req.path === handler.basePath || req.path.startsWith(`${handler.basePath}/`);
    const error = (onSurface ? bodyParserError(err) : undefined) ?? err;
    const mapped = handler.toHttpError(error);
    if (mapped === undefined || res.headersSent) {
      next(err);
      return;
    }
    sendWebResponse(httpErrorResponse(mapped), res).catch(next);
  };
}
