import type { ConnectionView } from '@authkit/core';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { AuthKitExpressError } from './adapter-error';
import { readStaticCredential } from './credential-input';
import { setRouterDefaults, type RouterDefaults } from './defaults';
import { authkitErrorHandler } from './error-response';
import { knownProvider, resolveOwner } from './owner';
import { safeReturnTo } from './return-to';
import { StateCookieSigner, readCookie, stateCookieName } from './state-cookie';
import type { AuthKitRouterOptions } from './types';
import { bodyString, callbackUrl, queryString, requestUrl } from './web';

const DEFAULT_STATE_TTL_MS = 10 * 60 * 1000;

type AsyncHandler = (req: Request, res: Response) => Promise<void>;

/** Express 5 forwards rejected promises itself; the wrapper only fixes the handler's type. */
function route(handler: AsyncHandler): RequestHandler {
  return (req, res, next: NextFunction) => handler(req, res).catch(next);
}

function parseScopes(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const scopes = value.split(/[\s,]+/).filter((s) => s.length > 0);
  return scopes.length > 0 ? scopes : undefined;
}

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
  const signer = new StateCookieSigner(options.cookieSecret);
  const cookiePrefix = options.cookie?.name ?? 'authkit_state';
  const maxAgeMs = options.cookie?.maxAgeMs ?? DEFAULT_STATE_TTL_MS;
  const defaultReturnTo = safeReturnTo(options.defaultReturnTo ?? '/') ?? '/';
  const appOrigin = appUrl === undefined ? undefined : new URL(appUrl).origin;

  const defaults: RouterDefaults = {
    authkit,
    getOwner,
    ...(options.basePath === undefined ? {} : { basePath: options.basePath.replace(/\/+$/, '') }),
  };
  setRouterDefaults(defaults);

  const router = express.Router();
  router.use((req, _res, next) => {
    defaults.basePath ??= req.baseUrl;
    next();
  });
  const bodies = [express.json({ limit: '16kb' }), express.urlencoded({ extended: false, limit: '16kb' })];

  const secureCookie = (req: Request): boolean =>
    options.cookie?.secure ?? (appUrl === undefined ? req.secure : appUrl.startsWith('https:'));
  const cookiePath = (req: Request, providerId: string): string => `${req.baseUrl}/${encodeURIComponent(providerId)}`;

  // A cross-site form POST must not connect or disconnect anything on the user's behalf.
  const sameOrigin: RequestHandler = (req, _res, next) => {
    const origin = req.get('origin');
    if (appOrigin !== undefined && origin !== undefined && origin !== appOrigin) {
      next(new AuthKitExpressError('forbidden_origin', 'Cross-origin requests are refused'));
      return;
    }
    next();
  };

  /** Answers a POST: 303 to a safe `returnTo` for forms, JSON for API clients. */
  const answer = (req: Request, res: Response, status: number, payload: object): void => {
    const returnTo = bodyString(req, 'returnTo');
    if (returnTo !== undefined) {
      const target = safeReturnTo(returnTo);
      if (target === undefined) throw new AuthKitExpressError('invalid_return_to', 'returnTo must be a same-origin path');
      res.redirect(303, target);
      return;
    }
    res.status(status).json(payload);
  };

  // Check returnTo before anything is stored, so a bad one loses nothing.
  const checkReturnTo = (req: Request): void => {
    const returnTo = bodyString(req, 'returnTo');
    if (returnTo !== undefined && safeReturnTo(returnTo) === undefined) {
      throw new AuthKitExpressError('invalid_return_to', 'returnTo must be a same-origin path');
    }
  };

  router.get(
    '/',
    route(async (req, res) => {
      const ownerId = await resolveOwner(getOwner, req);
      const connections: ConnectionView[] = await authkit.listConnections({ ownerId });
      res.set('Cache-Control', 'no-store').json({ connections });
    }),
  );

  router.get(
    '/:provider/connect',
    route(async (req, res) => {
      const providerId = knownProvider(authkit, req.params.provider);
      const ownerId = await resolveOwner(getOwner, req);
      const rawReturnTo = queryString(req, 'returnTo');
      const returnTo = rawReturnTo === undefined ? undefined : safeReturnTo(rawReturnTo);
      if (rawReturnTo !== undefined && returnTo === undefined) {
        throw new AuthKitExpressError('invalid_return_to', 'returnTo must be a same-origin path', providerId);
      }
      const scopes = parseScopes(queryString(req, 'scopes'));
      const label = queryString(req, 'label');
      const redirectUri = callbackUrl(req, providerId, appUrl);
      const started = await authkit.startAuthorization({
        providerId,
        ownerId,
        ...(redirectUri === undefined ? {} : { redirectUri }),
        ...(scopes === undefined ? {} : { scopes }),
        ...(returnTo === undefined ? {} : { returnTo }),
        ...(label === undefined || label === '' ? {} : { label }),
      });
      const expiresAt = Math.min(started.expiresAt, Date.now() + maxAgeMs);
      res.cookie(stateCookieName(cookiePrefix, providerId), signer.sign(providerId, started.state, expiresAt), {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie(req),
        path: cookiePath(req, providerId),
        maxAge: Math.max(0, expiresAt - Date.now()),
      });
      res.set('Cache-Control', 'no-store').redirect(302, started.url.href);
    }),
  );

  router.get(
    '/:provider/callback',
    route(async (req, res) => {
      const providerId = knownProvider(authkit, req.params.provider);
      const name = stateCookieName(cookiePrefix, providerId);
      const ownerId = await resolveOwner(getOwner, req);
      const bound = signer.verify(providerId, readCookie(req.headers.cookie, name), Date.now());
      const state = queryString(req, 'state');
      if (bound === undefined || state === undefined || state !== bound) {
        // Core is not called and the cookie is kept: a forged callback (login CSRF) neither
        // consumes nor stores anything, nor breaks the user's own flow in progress.
        throw new AuthKitExpressError('invalid_state', 'The authorization state does not match this browser', providerId);
      }
      // From here the state is spent, whatever core answers.
      res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: secureCookie(req), path: cookiePath(req, providerId) });
      // The callback URL carries the code: never let it leak as a Referer.
      res.set('Referrer-Policy', 'no-referrer');
      const { returnTo } = await authkit.completeAuthorization({ providerId, ownerId, callback: requestUrl(req, appUrl) });
      res.set('Cache-Control', 'no-store').redirect(303, safeReturnTo(returnTo) ?? defaultReturnTo);
    }),
  );

  router.post(
    '/:provider/credentials',
    sameOrigin,
    ...bodies,
    route(async (req, res) => {
      const providerId = knownProvider(authkit, req.params.provider);
      const ownerId = await resolveOwner(getOwner, req);
      checkReturnTo(req);
      const credential = readStaticCredential(req, providerId);
      const label = bodyString(req, 'label') || undefined;
      const connection = await authkit.connectStatic({ providerId, ownerId, credential, ...(label ? { label } : {}) });
      answer(req, res, 201, { connection });
    }),
  );

  router.post(
    '/:provider/refresh-token',
    sameOrigin,
    ...bodies,
    route(async (req, res) => {
      const providerId = knownProvider(authkit, req.params.provider);
      const ownerId = await resolveOwner(getOwner, req);
      checkReturnTo(req);
      const refreshToken = bodyString(req, 'refreshToken');
      if (refreshToken === undefined || refreshToken.trim() === '') {
        throw new AuthKitExpressError('invalid_request', 'The field "refreshToken" is required', providerId);
      }
      const label = bodyString(req, 'label') || undefined;
      const connection = await authkit.connectRefreshToken({ providerId, ownerId, refreshToken, ...(label ? { label } : {}) });
      answer(req, res, 201, { connection });
    }),
  );

  router.post(
    '/:provider/client-credentials',
    sameOrigin,
    ...bodies,
    route(async (req, res) => {
      const providerId = knownProvider(authkit, req.params.provider);
      const ownerId = await resolveOwner(getOwner, req);
      checkReturnTo(req);
      const scopes = parseScopes(bodyString(req, 'scopes'));
      const label = bodyString(req, 'label') || undefined;
      const connection = await authkit.connectClientCredentials({
        providerId,
        ownerId,
        ...(scopes ? { scopes } : {}),
        ...(label ? { label } : {}),
      });
      answer(req, res, 201, { connection });
    }),
  );

  router.post(
    '/:provider/disconnect',
    sameOrigin,
    ...bodies,
    route(async (req, res) => {
      const providerId = knownProvider(authkit, req.params.provider);
      const ownerId = await resolveOwner(getOwner, req);
      checkReturnTo(req);
      const label = bodyString(req, 'label') || undefined;
      const connectionId = authkit.connectionIdFor(providerId, ownerId, label);
      const existing = await authkit.getConnection(connectionId);
      // Someone else's connection looks exactly like a missing one.
      if (existing === undefined || existing.ownerId !== ownerId) {
        throw new AuthKitExpressError('connection_not_found', 'No such connection', providerId);
      }
      await authkit.disconnect(connectionId, { revoke: true });
      answer(req, res, 200, { disconnected: connectionId });
    }),
  );

  if (options.handleErrors !== false) {
    router.use(authkitErrorHandler({ reauthorizationUrl: (providerId, req) => `${req.baseUrl}/${encodeURIComponent(providerId)}/connect` }));
  }
  return router;
}
