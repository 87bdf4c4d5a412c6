import type { ErrorRequestHandler, RequestHandler, Router } from 'express';
import { authkitErrorHandler } from './error-response';
import { requireConnection } from './require-connection';
import { createAuthKitRouter } from './router';
import type { AuthKitRouterOptions, RequireConnectionOptions } from './types';

/** Everything an app needs, bound to one AuthKit and one mount path. */
export interface AuthKitExpress {
  /** The connect router; mount it at `basePath`. */
  readonly router: Router;
  readonly basePath: string;
  /** {@link requireConnection} with this AuthKit and `getOwner`. */
  requireConnection(providerId: string, options?: Omit<RequireConnectionOptions, 'authkit' | 'getOwner'>): RequestHandler;
  /** {@link authkitErrorHandler} whose `reauthorizeUrl` points into the router. */
  readonly errorHandler: ErrorRequestHandler;
}

/**
 * Creates the router, middleware and error handler together:
 *
 * ```ts
 * const ak = createAuthKitExpress({ authkit, getOwner: (req) => req.session.userId, appUrl, cookieSecret });
 * app.use(ak.basePath, ak.router);
 * app.get('/departments', ak.requireConnection('planday'), async (req, res) => {
 *   res.json(await (await req.authkit.client('planday').fetch('/hr/v1/Departments')).json());
 * });
 * app.use(ak.errorHandler);
 * ```
 */
export function createAuthKitExpress(options: AuthKitRouterOptions): AuthKitExpress {
  const basePath = (options.basePath ?? '/connections').replace(/\/+$/, '');
  return {
    router: createAuthKitRouter({ ...options, basePath }),
    basePath,
    requireConnection: (providerId, extra = {}) =>
      requireConnection(providerId, { authkit: options.authkit, getOwner: options.getOwner, ...extra }),
    errorHandler: authkitErrorHandler({ reauthorizationUrl: `${basePath}/:provider/connect` }),
  };
}
