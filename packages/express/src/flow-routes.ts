import type { Router } from 'express';
import { AuthKitExpressError } from './adapter-error';
import { knownProvider, resolveOwner } from './owner';
import { safeReturnTo } from './return-to';
import { parseScopes, route, type RouterContext } from './router-context';
import { readCookie, stateCookieName } from './state-cookie';
import { callbackUrl, queryString, requestUrl } from './web';

/** `GET /:provider/connect` and `GET /:provider/callback`: the authorization-code flow. */
export function addFlowRoutes(router: Router, ctx: RouterContext): void {
  const { authkit, getOwner, appUrl, signer, cookie } = ctx;

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
      const label = queryString(req, 'label') || undefined;
      const redirectUri = callbackUrl(req, providerId, appUrl);
      const started = await authkit.startAuthorization({
        providerId,
        ownerId,
        ...(redirectUri === undefined ? {} : { redirectUri }),
        ...(scopes === undefined ? {} : { scopes }),
        ...(returnTo === undefined ? {} : { returnTo }),
        ...(label === undefined ? {} : { label }),
      });
      const expiresAt = Math.min(started.expiresAt, Date.now() + cookie.maxAgeMs);
      res.cookie(stateCookieName(cookie.prefix, providerId), signer.sign(providerId, started.state, expiresAt), {
        httpOnly: true,
        sameSite: 'lax',
        secure: cookie.secure(req),
        path: cookie.path(req, providerId),
        maxAge: Math.max(0, expiresAt - Date.now()),
      });
      res.set('Cache-Control', 'no-store').redirect(302, started.url.href);
    }),
  );

  router.get(
    '/:provider/callback',
    route(async (req, res) => {
      const providerId = knownProvider(authkit, req.params.provider);
      const name = stateCookieName(cookie.prefix, providerId);
      const ownerId = await resolveOwner(getOwner, req);
      const bound = signer.verify(providerId, readCookie(req.headers.cookie, name), Date.now());
      const state = queryString(req, 'state');
      if (bound === undefined || state === undefined || state !== bound) {
        // Core is not called and the cookie is kept: a forged callback (login CSRF) neither
        // consumes nor stores anything, nor breaks the user's own flow in progress.
        throw new AuthKitExpressError('invalid_state', 'The authorization state does not match this browser', providerId);
      }
      // From here the state is spent, whatever core answers.
      res.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: cookie.secure(req), path: cookie.path(req, providerId) });
      // The callback URL carries the code: never let it leak as a Referer.
      res.set('Referrer-Policy', 'no-referrer');
      const { returnTo } = await authkit.completeAuthorization({ providerId, ownerId, callback: requestUrl(req, appUrl) });
      res.set('Cache-Control', 'no-store').redirect(303, safeReturnTo(returnTo) ?? ctx.defaultReturnTo);
    }),
  );
}
