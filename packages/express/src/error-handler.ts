import { httpErrorResponse, type ConnectHandler } from '@authkit/core';
import { bodyParserError, isSurfacePath, sendWebResponse } from '@authkit/core/node';
import type { ErrorRequestHandler } from 'express';

/**
 * Express error handler answering AuthKit errors with core's `toHttpError` (status,
 * `Retry-After`, JSON `{ code, message, providerId, reauthorizeUrl? }` pointing at this
 * surface's routes). Body-parser errors on the surface's paths are answered too, without
 * their message. Other errors go to the next handler.
 */
export function createErrorHandler(handler: ConnectHandler): ErrorRequestHandler {
  return (err, req, res, next) => {
    // A body parser that ran before the router (the app's express.json()) quotes the body in its message.
    const error = (isSurfacePath(req.path, handler.basePath) ? bodyParserError(err) : undefined) ?? err;
    const mapped = handler.toHttpError(error);
    if (mapped === undefined || res.headersSent) {
      next(err);
      return;
    }
    sendWebResponse(httpErrorResponse(mapped), res).catch(next);
  };
}
