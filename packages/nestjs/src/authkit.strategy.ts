import { PassportStrategy } from '@nestjs/passport';
import { AuthKitError, type ConnectionView, type FlowOptions, type ProviderDefinition } from '@authkit/core';
import type { Request, Response } from 'express';
import OAuth2Strategy from 'passport-oauth2';
import type { AuthKitService } from './authkit.service';

/**
 * Options `AuthGuard('authkit-<id>')` may pass (through `getAuthenticateOptions`); otherwise
 * `returnTo` and `label` come from the start request's query.
 */
export interface AuthKitAuthenticateOptions {
  /** passport-oauth2's own option: the app's callback route, when it is not the surface's. */
  callbackURL?: string;
  returnTo?: string;
  label?: string;
  scopes?: readonly string[];
}

function queryValue(req: Request, name: string): string | undefined {
  const value: unknown = (req.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Copies core's answer headers (state cookie, cache and referrer policies) onto Express's response. */
function copyHeaders(res: Response | undefined, headers: Headers): void {
  if (res === undefined) return;
  headers.forEach((value, name) => {
    if (name !== 'set-cookie' && name !== 'location') res.setHeader(name, value);
  });
  for (const cookie of headers.getSetCookie()) res.append('set-cookie', cookie);
}

/**
 * The passport strategy of one provider, for apps that guard their own routes with
 * `AuthGuard('<prefix>-<providerId>')`. A proper passport-oauth2 strategy whose `authenticate`
 * hands both legs to core's connect handler: the start (state bound to the browser, PKCE,
 * `redirect`) and the callback (state checked, code exchanged by core, `success(connection)`).
 * Nothing of passport-oauth2's own token request runs, and no client secret is given to it.
 */
export function createAuthKitStrategy(provider: ProviderDefinition, name: string, service: AuthKitService): OAuth2Strategy {
  const oauth2 = provider.oauth2;
  // passport-oauth2 insists on both URLs, but never uses them here (core runs the flow); a
  // provider discovered from its issuer has none until first use.
  const authorizationURL = oauth2?.authorizationEndpoint ?? oauth2?.issuer;
  const tokenURL = oauth2?.tokenEndpoint ?? oauth2?.issuer;
  if (oauth2 === undefined || authorizationURL === undefined || tokenURL === undefined) {
    throw new AuthKitError('configuration_error', `Provider "${provider.id}" has no authorization endpoint for a passport strategy.`, { providerId: provider.id });
  }
  const strategyOptions = { authorizationURL, tokenURL, clientID: oauth2.clientId, clientSecret: '' };

  class AuthKitOAuth2Strategy extends PassportStrategy(OAuth2Strategy, name) {
    constructor() {
      // No client secret: passport-oauth2's own token request never runs (core exchanges the
      // code), so the secret stays a `Secret` in the provider and out of this object.
      super(strategyOptions);
    }

    /** Passport's verify step: the connection core saved is the authenticated value. */
    validate(connection: ConnectionView): ConnectionView {
      return connection;
    }

    override authenticate(req: Request, options: AuthKitAuthenticateOptions = {}): void {
      this.run(req, options).catch((error: unknown) => this.error(error instanceof Error ? error : new Error('The connect flow failed')));
    }

    // Not `#private`: passport calls authenticate on `Object.create(strategy)`, a different receiver.
    protected async run(req: Request, options: AuthKitAuthenticateOptions): Promise<void> {
      const request = service.webRequest(req);
      const ownerId = await service.ownerOf(req);
      // The surface's own callback URL unless the app's route is another (core derives the default).
      const redirectUri = options.callbackURL === undefined ? undefined : new URL(options.callbackURL, request.url).href;
      const query = (req.query ?? {}) as Record<string, unknown>;
      if ('code' in query || 'state' in query || 'error' in query) {
        const outcome = await service.handler.completeAuthorization(request, { ownerId }, { providerId: provider.id, ...(redirectUri === undefined ? {} : { redirectUri }) });
        copyHeaders(req.res, outcome.headers);
        if (!outcome.ok) return this.error(outcome.error instanceof Error ? outcome.error : new Error('The connect flow failed'));
        return this.success(this.validate(outcome.connection), { returnTo: outcome.returnTo });
      }
      const returnTo = options.returnTo ?? queryValue(req, 'returnTo');
      const label = options.label ?? queryValue(req, 'label');
      const flow: FlowOptions = {
        providerId: provider.id,
        ...(redirectUri === undefined ? {} : { redirectUri }),
        ...(returnTo === undefined ? {} : { returnTo }),
        ...(label === undefined ? {} : { label }),
        ...(options.scopes === undefined ? {} : { scopes: options.scopes }),
      };
      const started = await service.handler.startAuthorization(request, { ownerId }, flow);
      copyHeaders(req.res, started.headers);
      this.redirect(started.headers.get('location')!, started.status);
    }
  }
  return new AuthKitOAuth2Strategy();
}
