import { AuthKitError, type AuthKit, type AuthKitClient, type ConnectionView } from '@authkit/core';
import type { RequestHandler } from 'express';
import type { AuthKitRequestContext, GetOwner, RequireConnectionOptions } from './types';

class RequestContext implements AuthKitRequestContext {
  readonly connections: Record<string, ConnectionView> = {};
  readonly #clients = new Map<string, AuthKitClient>();

  constructor(
    readonly ownerId: string,
    private readonly authkit: AuthKit,
  ) {}

  add(connection: ConnectionView): void {
    this.connections[connection.providerId] = connection;
    this.#clients.delete(connection.providerId);
  }

  client(providerId: string): AuthKitClient {
    const connection = this.connections[providerId];
    if (connection === undefined) {
      throw new AuthKitError('connection_not_found', 'This route did not require a connection to that provider.', { providerId });
    }
    let client = this.#clients.get(providerId);
    if (client === undefined) {
      client = this.authkit.client(providerId, connection.id);
      this.#clients.set(providerId, client);
    }
    return client;
  }
}

/**
 * Middleware requiring the signed-in owner's connection to a provider (core's one lookup:
 * none → 404 `connection_not_found`, unusable → 401 `reauthorization_required`, no owner →
 * 401 `owner_required`) and putting a signed client on `req.authkit`. Stack it to require
 * several providers on one route.
 */
export function requireConnection(authkit: AuthKit, getOwner: GetOwner, providerId: string, options: RequireConnectionOptions = {}): RequestHandler {
  return async (req, _res, next) => {
    try {
      const connection = await authkit.requireConnection({ providerId, ownerId: await getOwner(req), label: options.label });
      const existing: unknown = (req as { authkit?: unknown }).authkit;
      const context = existing instanceof RequestContext && existing.ownerId === connection.ownerId ? existing : new RequestContext(connection.ownerId, authkit);
      context.add(connection);
      req.authkit = context;
      next();
    } catch (error) {
      next(error);
    }
  };
}
