import { createConnectHandler, type ConnectHandler } from '@authkit/core';
import type { ErrorRequestHandler, RequestHandler, Router } from 'express';
import { createErrorHandler } from './error-handler';
import { requireConnection } from './require-connection';
import { createRouter } from './router';
import type { AuthKitExpressOptions, RequireConnectionOptions } from './types';

/** Everything an Express app needs, bound to one AuthKit and one base path. */
export interface AuthKitExpress {
  /** The connect surface; mount it with `app.use(ak.router)`. */
  readonly router: Router;
  /** Where the surface lives (default `/connections`). */
  readonly basePath: string;
  /** Core's handler behind the router (Web `Request` → `Response`). */
  readonly handler: ConnectHandler;
  /** Middleware requiring the owner's connection to a provider; puts a signed client on `req.authkit`. */
  requireConnection(providerId: string, options?: RequireConnectionOptions): RequestHandler;
  /** Error handler for the app's own routes: AuthKit errors → core's HTTP answer. Mount it last. */
  readonly errorHandler: ErrorRequestHandler;
}

/**
 * Creates the router, middleware and error handler together:
 *
 * ```ts
 * const ak = createAuthKitExpress({ authkit, getOwner: (req) => req.session.userId, cookieSecret });
 * app.use(ak.router);
 * app.get('/departments', ak.requireConnection('planday'), async (req, res) => {
 *   res.json(await (await req.authkit.client('planday').fetch('/hr/v1/Departments')).json());
 * });
 * app.use(ak.errorHandler);
 * ```
 */
export function createAuthKitExpress(options: AuthKitExpressOptions): AuthKitExpress {
  const { authkit, getOwner, ...handlerOptions } = options;
  const handler = createConnectHandler(authkit, handlerOptions);
  return {
    router: createRouter(handler, getOwner),
    basePath: handler.basePath,
    handler,
    requireConnection: (providerId, extra) => requireConnection(authkit, getOwner, providerId, extra),
    errorHandler: createErrorHandler(handler),
  };
}
