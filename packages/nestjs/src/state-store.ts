import { AuthKitError, type AuthKit, type PendingAuthorization } from '@authkit/core';
import type { Request } from 'express';
import { REQUEST_OWNER, REQUEST_PENDING } from './authkit.constants';
import { safeReturnTo } from './return-to';

type FlowRequest = Request & { [REQUEST_OWNER]?: string; [REQUEST_PENDING]?: PendingAuthorization };

interface StoreMeta {
  callbackURL?: string;
}

/** The query value as a single string, or undefined (arrays and objects are refused). */
export function queryString(request: Request, key: string): string | undefined {
  const value: unknown = (request.query as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * passport-oauth2's state store, backed by AuthKit's pending authorizations instead of
 * express-session: `store` creates a one-time pending authorization holding the PKCE verifier,
 * `verify` consumes it exactly once and checks it belongs to the signed-in owner. The
 * parameter counts matter: passport-oauth2 picks the call shape by `Function.length`.
 */
export class PendingAuthorizationStateStore {
  constructor(
    private readonly authkit: AuthKit,
    private readonly providerId: string,
    private readonly scopes: readonly string[],
  ) {}

  store(req: Request, verifier: string | undefined, _state: unknown, meta: StoreMeta, callback: (err: Error | null, state?: string) => void): void {
    const request = req as FlowRequest;
    const ownerId = request[REQUEST_OWNER];
    if (!ownerId) {
      callback(new AuthKitError('configuration_error', 'No owner resolved before the authorization started', { providerId: this.providerId }));
      return;
    }
    const returnTo = safeReturnTo(queryString(req, 'returnTo'));
    const label = queryString(req, 'label');
    this.authkit
      .createPendingAuthorization({
        providerId: this.providerId,
        ownerId,
        scopes: this.scopes,
        ...(meta.callbackURL ? { redirectUri: meta.callbackURL } : {}),
        ...(verifier ? { codeVerifier: verifier } : {}),
        ...(returnTo ? { returnTo } : {}),
        ...(label ? { label } : {}),
      })
      .then((pending) => callback(null, pending.state), (err: unknown) => callback(asError(err)));
  }

  verify(req: Request, providedState: string | undefined, callback: (err: Error | null, ok?: string | boolean, state?: unknown) => void): void {
    const request = req as FlowRequest;
    if (typeof providedState !== 'string' || providedState === '') {
      callback(new AuthKitError('invalid_state', 'The callback has no state parameter', { providerId: this.providerId }));
      return;
    }
    this.authkit.consumePendingAuthorization(this.providerId, providedState).then(
      (pending) => {
        // The browser that finishes the flow must belong to the owner that started it.
        if (pending.ownerId !== request[REQUEST_OWNER]) {
          callback(new AuthKitError('invalid_state', 'The authorization was started by another user', { providerId: this.providerId }));
          return;
        }
        request[REQUEST_PENDING] = pending;
        // A string is the PKCE code verifier to send with the code; `true` means no PKCE.
        callback(null, pending.codeVerifier ?? true);
      },
      (err: unknown) => callback(asError(err)),
    );
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new AuthKitError('invalid_state', 'The state could not be checked');
}
