import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { AuthKitError, httpErrorResponse, type ConnectHandler } from '@authkit/core';
import { sendWebResponse } from '@authkit/core/node';
import type { NextFunction, Request, Response } from 'express';
import { AUTHKIT_HANDLER } from './authkit.constants';

/** The AuthKit error for a body-parser failure, or undefined for other errors. */
function asAuthKitError(err: unknown): AuthKitError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err) || typeof err.type !== 'string') return undefined;
  if (err.type === 'entity.too.large') return new AuthKitError('payload_too_large', 'The request body is too large.');
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') {
    return new AuthKitError('unsupported_media_type', 'The request body must be JSON or a form.');
  }
  if (err.type.startsWith('entity.') || err.type.startsWith('request.')) {
    return new AuthKitError('invalid_request', 'The request body is not usable.', { detail: 'it must be a JSON object or a form' });
  }
  return undefined;
}

/**
 * Nest parses bodies before any route runs (its default `bodyParser`), and answers a parse
 * failure with the parser's message, which quotes the body — on AuthKit's routes, a pasted
 * token. This registers an Express error middleware (public `HttpAdapterHost` API, after the
 * routes and before Nest's own handler) that answers those failures on the connect surface's
 * paths exactly as core would. Other paths and errors pass through untouched.
 */
@Injectable()
export class BodyParserErrors implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapters: HttpAdapterHost,
    @Inject(AUTHKIT_HANDLER) private readonly handler: ConnectHandler,
  ) {}

  onModuleInit(): void {
    const adapter = this.adapters.httpAdapter;
    if (adapter?.getType() !== 'express') return;
    const { basePath } = this.handler;
    const app = adapter.getInstance<{ use(handler: (err: unknown, req: Request, res: Response, next: NextFunction) => void): void }>();
    app.use((err, req, res, next) => {
      const mapped = req.path === basePath || req.path.startsWith(`${basePath}/`) ? asAuthKitError(err) : undefined;
      if (mapped === undefined || res.headersSent) {
        next(err);
        return;
      }
      sendWebResponse(httpErrorResponse(this.handler.toHttpError(mapped)!), res).catch(next);
    });
  }
}
