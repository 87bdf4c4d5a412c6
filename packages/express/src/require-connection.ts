import { ReauthorizationRequiredError, type AuthKitClient, type ConnectionView } from '@authkit/core';
import type { RequestHandler } from 'express';
import { AuthKitExpressError } from './adapter-error';
import { resolveOwner } from './owner';
import type { AuthKitExpressOptions, AuthKitRequestContext, RequireConnectionOptions } from './types';

class RequestContext implements AuthKitRequestContext {
  readonly connections: Record<string, ConnectionView> = {};
  readonly #clients = new Map<string, AuthKitClient>();
  constructor(
    readonly ownerId: string,
    private readonly options: AuthKitExpressOptions,
  ) {}

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
      client = this.options.authkit.client(providerId, connection.id);
      this.#clients.set(providerId, client);
    }
    return client;
  }
}

/**
 * Middleware that requires the signed-in owner's connection to a provider and puts a signed
 * client on the request: `req.authkit.client('planday').fetch('/hr/v1/Departments')`.
 * No owner → 401 `owner_required`; no connection → 404 `connection_not_found`; a connection
 * that must be authorized again → 401 `reauthorization_required` (both with `reauthorizeUrl`
 * when the error handler knows it). Stack it to require several providers.
 */
export function requireConnection(
  providerId: string,
  options: AuthKitExpressOptions & RequireConnectionOptions,
): RequestHandler {
  const { authkit, getOwner, label } = options;
  if (!authkit.providers.has(providerId)) {
    // A typo here is a programming error: fail at start-up, not on the first request.
    throw new TypeError(`@authkit/express: requireConnection("${providerId}"): no such provider is configured`);
  }
  return async (req, _res, next) => {
    try {
      const ownerId = await resolveOwner(getOwner, req);
      const connection = await authkit.getConnection(authkit.connectionIdFor(providerId, ownerId, label));
      if (connection === undefined || connection.ownerId !== ownerId || connection.status === 'revoked') {
        throw new AuthKitExpressError('connection_not_found', 'Connect this provider first', providerId);
      }
      if (connection.status === 'reauthorization_required') {
        throw new ReauthorizationRequiredError('This connection must be authorized again', { providerId, connectionId: connection.id });
      }
      let context = req.authkit;
      if (!(context instanceof RequestContext) || context.ownerId !== ownerId) {
        context = new RequestContext(ownerId, options);
        req.authkit = context;
      }
      (context as RequestContext).add(connection);
      next();
    } catch (error) {
      next(error);
    }
  };
}
