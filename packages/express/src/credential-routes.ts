import type { ConnectionView } from '@authkit/core';
import express, { type Request, type RequestHandler, type Router } from 'express';
import { AuthKitExpressError } from './adapter-error';
import { readStaticCredential } from './credential-input';
import { knownProvider, resolveOwner } from './owner';
import { safeReturnTo } from './return-to';
import { parseScopes, route, type RouterContext } from './router-context';
import { bodyString } from './web';

interface PostInput {
  req: Request;
  providerId: string;
  ownerId: string;
  label: string | undefined;
}

/**
 * The POST routes (static credentials, Planday refresh token, client credentials,
 * disconnect) and `GET /` (the owner's connections).
 */
export function addCredentialRoutes(router: Router, ctx: RouterContext): void {
  const { authkit, getOwner } = ctx;
  const bodies = [express.json({ limit: '16kb' }), express.urlencoded({ extended: false, limit: '16kb' })];

  // A cross-site form POST must not connect or disconnect anything on the user's behalf.
  const sameOrigin: RequestHandler = (req, _res, next) => {
    const origin = req.get('origin');
    if (ctx.appOrigin !== undefined && origin !== undefined && origin !== ctx.appOrigin) {
      next(new AuthKitExpressError('forbidden_origin', 'Cross-origin requests are refused'));
      return;
    }
    next();
  };

  /**
   * One POST route. `returnTo` is checked before the action, so a bad one stores nothing; the
   * answer is a 303 to it for HTML forms, else JSON.
   */
  const post = (path: string, status: number, action: (input: PostInput) => Promise<object>): void => {
    router.post(
      `/:provider/${path}`,
      sameOrigin,
      ...bodies,
      route(async (req, res) => {
        const providerId = knownProvider(authkit, req.params.provider);
        const ownerId = await resolveOwner(getOwner, req);
        const rawReturnTo = bodyString(req, 'returnTo');
        const returnTo = rawReturnTo === undefined ? undefined : safeReturnTo(rawReturnTo);
        if (rawReturnTo !== undefined && returnTo === undefined) {
          throw new AuthKitExpressError('invalid_return_to', 'returnTo must be a same-origin path', providerId);
        }
        const payload = await action({ req, providerId, ownerId, label: bodyString(req, 'label') || undefined });
        if (returnTo !== undefined) res.redirect(303, returnTo);
        else res.status(status).json(payload);
      }),
    );
  };

  router.get(
    '/',
    route(async (req, res) => {
      const ownerId = await resolveOwner(getOwner, req);
      const connections: ConnectionView[] = await authkit.listConnections({ ownerId });
      res.set('Cache-Control', 'no-store').json({ connections });
    }),
  );

  post('credentials', 201, async ({ req, providerId, ownerId, label }) => {
    const credential = readStaticCredential(req, providerId);
    return { connection: await authkit.connectStatic({ providerId, ownerId, credential, ...(label ? { label } : {}) }) };
  });

  post('refresh-token', 201, async ({ req, providerId, ownerId, label }) => {
    const refreshToken = bodyString(req, 'refreshToken');
    if (refreshToken === undefined || refreshToken.trim() === '') {
      throw new AuthKitExpressError('invalid_request', 'The field "refreshToken" is required', providerId);
    }
    return { connection: await authkit.connectRefreshToken({ providerId, ownerId, refreshToken, ...(label ? { label } : {}) }) };
  });

  post('client-credentials', 201, async ({ req, providerId, ownerId, label }) => {
    const scopes = parseScopes(bodyString(req, 'scopes'));
    return {
      connection: await authkit.connectClientCredentials({ providerId, ownerId, ...(scopes ? { scopes } : {}), ...(label ? { label } : {}) }),
    };
  });

  post('disconnect', 200, async ({ providerId, ownerId, label }) => {
    const connectionId = authkit.connectionIdFor(providerId, ownerId, label);
    const existing = await authkit.getConnection(connectionId);
    // Someone else's connection looks exactly like a missing one.
    if (existing === undefined || existing.ownerId !== ownerId) {
      throw new AuthKitExpressError('connection_not_found', 'No such connection', providerId);
    }
    await authkit.disconnect(connectionId, { revoke: true });
    return { disconnected: connectionId };
  });
}
