import { UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { AuthKitError, isAuthKitError, TokenEndpointError, type ConnectionView, type PendingAuthorization, type ProviderDefinition } from '@authkit/core';
import type { Request } from 'express';
import OAuth2Strategy from 'passport-oauth2';
import { REQUEST_PENDING, strategyName } from './authkit.constants';
import type { AuthKitService } from './authkit.service';
import { PendingAuthorizationStateStore, queryString } from './state-store';
import { toTokenResponse, useAuthKitCodeExchange } from './token-request';

/** Authenticate options the connect-flow guard passes to say which leg of the flow this is. */
export interface AuthKitAuthenticateOptions {
  authkitPhase?: 'start' | 'callback';
}

type FlowRequest = Request & { [REQUEST_PENDING]?: PendingAuthorization };

/** Settings of the passport strategy for one provider, all taken from core's definition. */
function strategyOptions(provider: ProviderDefinition, callbackURL: string, service: AuthKitService) {
  const oauth2 = provider.oauth2;
  if (!oauth2?.authorizationEndpoint) {
    throw new AuthKitError('configuration_error', `Provider ${provider.id} has no authorization endpoint`, { providerId: provider.id });
  }
  const scopes = [...new Set([...oauth2.defaultScopes, ...(oauth2.requiredScopes ?? [])])];
  return {
    authorizationURL: oauth2.authorizationEndpoint,
    tokenURL: oauth2.tokenEndpoint,
    clientID: oauth2.clientId,
    // node-oauth wants a string here, but never sends it: core performs the code exchange.
    clientSecret: oauth2.clientSecret ?? '',
    callbackURL,
    scope: scopes,
    scopeSeparator: oauth2.scopeSeparator,
    pkce: oauth2.pkce,
    state: true,
    // Our store has the 5-argument shape passport-oauth2 uses for PKCE; its typings only list the short ones.
    store: new PendingAuthorizationStateStore(service.authkit, provider.id, scopes) as unknown as OAuth2Strategy.StateStore,
    passReqToCallback: true as const,
    skipUserProfile: true,
  };
}

/**
 * Creates and registers (with passport, as `authkit-<providerId>`) the passport-oauth2
 * strategy of one OAuth2 provider. Endpoints, scopes, PKCE and client authentication all
 * come from the core provider definition; the tokens end up as an AuthKit connection.
 */
export function createAuthKitStrategy(provider: ProviderDefinition, callbackURL: string, service: AuthKitService): OAuth2Strategy {
  const options = strategyOptions(provider, callbackURL, service);
  const oauth2 = provider.oauth2!;
  const callbackPath = safePath(callbackURL);

  // Arity 6 makes passport-oauth2 pass the raw token response (`params`) to validate,
  // which is where `expires_in`, `scope` and the rest live.
  class AuthKitOAuth2Strategy extends PassportStrategy(OAuth2Strategy, strategyName(provider.id), 6) {
    constructor() {
      super(options);
      useAuthKitCodeExchange(this._oauth2, service.authkit, provider.id);
    }

    override authorizationParams(): object {
      return { ...oauth2.authorizationParams };
    }

    override authenticate(req: Request, authOptions?: AuthKitAuthenticateOptions): void {
      const callback = isCallback(req, authOptions, callbackPath);
      const start = async (): Promise<void> => {
        const owner = await service.ownerOf(req);
        if (!owner) return this.error(new UnauthorizedException(`Sign in before connecting ${provider.name}`));
        if (callback) {
          const problem = callbackProblem(req, provider);
          if (problem) {
            // The state is one-time whatever the outcome: burn it so it cannot be replayed.
            const state = queryString(req, 'state');
            if (state) await service.authkit.consumePendingAuthorization(provider.id, state).catch(() => undefined);
            return this.error(problem);
          }
        }
        super.authenticate(req, authOptions);
      };
      start().catch((err: unknown) => this.error(err instanceof Error ? err : new Error('The connect flow failed')));
    }

    async validate(req: Request, accessToken: string, refreshToken: string | undefined, params: unknown): Promise<ConnectionView> {
      const pending = (req as FlowRequest)[REQUEST_PENDING];
      if (!pending) throw new AuthKitError('invalid_state', 'No pending authorization for this callback', { providerId: provider.id });
      return service.authkit.saveTokenResponse({
        providerId: provider.id,
        ownerId: pending.ownerId,
        tokens: toTokenResponse(accessToken, refreshToken, params),
        requestedScopes: pending.scopes,
        ...(pending.label ? { label: pending.label } : {}),
      });
    }

    /** passport-oauth2 hook for a failed code exchange: core already raised a typed AuthKit error. */
    _createOAuthError(_message: string, err: unknown): Error {
      return isAuthKitError(err)
        ? err
        : new TokenEndpointError('The code exchange failed', { providerId: provider.id, transient: true });
    }
  }
  return new AuthKitOAuth2Strategy();
}

function isCallback(req: Request, options: AuthKitAuthenticateOptions | undefined, callbackPath: string | undefined): boolean {
  if (options?.authkitPhase) return options.authkitPhase === 'callback';
  const q = (req.query ?? {}) as Record<string, unknown>;
  if ('code' in q || 'state' in q || 'error' in q) return true;
  return callbackPath !== undefined && req.path === callbackPath;
}

/** What is wrong with a callback before any state or code is used, if anything. */
function callbackProblem(req: Request, provider: ProviderDefinition): AuthKitError | undefined {
  const error = queryString(req, 'error');
  if (error) {
    const code = error === 'access_denied' ? 'authorization_denied' : 'invalid_callback';
    const text = error === 'access_denied' ? 'The user denied the authorization' : `The provider returned an error (${error.slice(0, 64)})`;
    return new AuthKitError(code, text, { providerId: provider.id });
  }
  // RFC 9207: a callback naming another issuer is a mix-up attempt.
  const iss = queryString(req, 'iss');
  if (iss && provider.oauth2?.issuer && iss !== provider.oauth2.issuer) {
    return new AuthKitError('invalid_callback', 'The callback came from an unexpected issuer', { providerId: provider.id });
  }
  if (!queryString(req, 'code')) {
    return new AuthKitError('invalid_callback', 'The callback has no authorization code', { providerId: provider.id });
  }
  return undefined;
}

function safePath(url: string): string | undefined {
  try {
    return new URL(url, 'http://placeholder').pathname;
  } catch {
    return undefined;
  }
}
