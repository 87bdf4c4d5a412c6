import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { httpErrorResponse, type ConnectHandler } from '@authkit/core';
import { bodyParserError, isSurfacePath, sendWebResponse } from '@authkit/core/node';
import type { NextFunction, Request, Response } from 'express';
import { AUTHKIT_HANDLER } from './authkit.constants';

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
      const mapped = isSurfacePath(req.path, basePath) ? bodyParserError(err) : undefined;
      if (mapped === undefined || res.headersSent) {
        next(err);
        return;
      }
      sendWebResponse(httpErrorResponse(this.handler.toHttpError(mapped)!), res).catch(next);
    });
  }
}
