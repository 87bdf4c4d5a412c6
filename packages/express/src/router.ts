import express, { type Request, type Router } from 'express';
import { addCredentialRoutes } from './credential-routes';
import { authkitErrorHandler } from './error-response';
import { addFlowRoutes } from './flow-routes';
import { safeReturnTo } from './return-to';
import type { RouterContext } from './router-context';
import { StateCookieSigner } from './state-cookie';
import type { AuthKitRouterOptions } from './types';

const DEFAULT_STATE_TTL_MS = 10 * 60 * 1000;

/**
 * Creates the connect router. Mount it under a base path, e.g.
 * `app.use('/connections', createAuthKitRouter({ authkit, getOwner, appUrl, cookieSecret }))`:
 *
 * - `GET  /:provider/connect?returnTo=&scopes=&label=` starts an authorization and redirects to
 *   the provider; the `state` is bound to the browser by a signed, httpOnly, SameSite=Lax cookie.
 * - `GET  /:provider/callback` completes it and redirects to the same-origin `returnTo`.
 * - `POST /:provider/credentials` connects an API token pair, PAT or API key.
 * - `POST /:provider/refresh-token` connects a pasted refresh token (Planday portals).
 * - `POST /:provider/client-credentials` connects a server-to-server client.
 * - `POST /:provider/disconnect` revokes (where the provider can) and removes a connection.
 * - `GET  /` lists the signed-in owner's connections (no secrets).
 *
 * POST routes take JSON or urlencoded bodies; with a `returnTo` field they answer 303 to it,
 * otherwise JSON. Every route needs an owner from `getOwner` (401 otherwise).
 */
export function createAuthKitRouter(options: AuthKitRouterOptions): Router {
  const { authkit, getOwner, appUrl } = options;
  const ctx: RouterContext = {
    authkit,
    getOwner,
    appUrl,
    appOrigin: appUrl === undefined ? undefined : new URL(appUrl).origin,
    defaultReturnTo: safeReturnTo(options.defaultReturnTo ?? '/') ?? '/',
    signer: new StateCookieSigner(options.cookieSecret),
    cookie: {
      prefix: options.cookie?.name ?? 'authkit_state',
      maxAgeMs: options.cookie?.maxAgeMs ?? DEFAULT_STATE_TTL_MS,
      secure: (req: Request) => options.cookie?.secure ?? (appUrl === undefined ? req.secure : appUrl.startsWith('https:')),
      path: (req: Request, providerId: string) => `${req.baseUrl}/${encodeURIComponent(providerId)}`,
    },
  };

  const router = express.Router();
  addFlowRoutes(router, ctx);
  addCredentialRoutes(router, ctx);
  if (options.handleErrors !== false) {
    router.use(authkitErrorHandler({ reauthorizationUrl: (providerId, req) => `${req.baseUrl}/${encodeURIComponent(providerId)}/connect` }));
  }
  return router;
}
