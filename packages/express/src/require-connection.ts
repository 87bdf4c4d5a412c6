import { AuthKitError, ReauthorizationRequiredError, type AuthKit, type AuthKitClient, type ConnectionView } from '@authkit/core';
import type { RequestHandler } from 'express';
import { AuthKitExpressError } from './adapter-error';
import { resolveOwner } from './owner';
import type { AuthKitRequestContext, RequireConnectionOptions } from './types';

const CONTEXT = Symbol('authkit.context');

class RequestContext implements AuthKitRequestContext {
  readonly [CONTEXT] = true;
  readonly connections: Record<string, ConnectionView> = {};
  readonly #clients = new Map<string, AuthKitClient>();
  readonly #authkit: AuthKit;

  constructor(
    readonly ownerId: string,
    authkit: AuthKit,
  ) {
    this.#authkit = authkit;
  }

  add(connection: ConnectionView): void {
    this.connections[connection.providerId] = connection;
    this.#clients.delete(connection.providerId);
  }

  client(providerId: string): AuthKitClient {
    const connection = this.connections[providerId];
    if (connection === undefined) {
      throw new AuthKitExpressError('connection_not_found', 'This route did not require a connection to that provider', providerId);
    }
    let client = this.#clients.get(providerId);
    if (client === undefined) {
      client = this.#authkit.client(providerId, connection.id);
      this.#clients.set(providerId, client);
    }
    return client;
  }
}

/**
 * Middleware that requires the signed-in owner's connection to a provider and puts a signed
 * client on the request: `req.authkit.client('planday').fetch('/hr/v1/Departments')`.
 *
 * `createAuthKitExpress(...).requireConnection(providerId)` binds `authkit` and `getOwner`.
 * No owner → 401 `owner_required`; no connection → 404 `connection_not_found`; a connection
 * that must be authorized again → 401 `reauthorization_required`. Stack it to require
 * several providers on one route.
 */
export function requireConnection(providerId: string, options: RequireConnectionOptions): RequestHandler {
  const { authkit, getOwner, label } = options;
  return async (req, _res, next) => {
    try {
      if (!authkit.providers.has(providerId)) {
        throw new AuthKitError('configuration_error', `requireConnection: the provider "${providerId}" is not configured`);
      }
      const ownerId = await resolveOwner(getOwner, req);
      const connection = await authkit.getConnection(authkit.connectionIdFor(providerId, ownerId, label));
      if (connection === undefined || connection.ownerId !== ownerId || connection.status === 'revoked') {
        throw new AuthKitExpressError('connection_not_found', 'Connect this provider first', providerId);
      }
      if (connection.status === 'reauthorization_required') {
        throw new ReauthorizationRequiredError('This connection must be authorized again', { providerId, connectionId: connection.id });
      }
      const existing = (req as { authkit?: unknown }).authkit;
      let context: RequestContext;
      if (existing instanceof RequestContext && existing.ownerId === ownerId) {
        context = existing;
      } else {
        context = new RequestContext(ownerId, authkit);
        req.authkit = context;
      }
      context.add(connection);
      next();
    } catch (error) {
      next(error);
    }
  };
}
