import { UnauthorizedException } from '@nestjs/common';
import { ReauthorizationRequiredError, type AuthKitClient } from '@authkit/core';
import type { Request } from 'express';
import { REQUEST_CLIENTS } from './authkit.constants';
import type { AuthKitService } from './authkit.service';
import { toHttpException } from './http-errors';

type ClientRequest = Request & { [REQUEST_CLIENTS]?: Map<string, AuthKitClient> };

/** Which connection of the owner: one per provider, or one per label (Planday portals). */
export interface ConnectionSelector {
  providerId: string;
  label?: string;
}

/**
 * The signed client for the request owner's live connection, memoised on the request so a
 * guard and a `@ProviderClient` parameter resolve it once. Throws 401 when nobody is signed
 * in, and 401 with a `reauthorizeUrl` when the connection is missing or no longer usable.
 */
export async function resolveClient(service: AuthKitService, request: Request, selector: ConnectionSelector): Promise<AuthKitClient> {
  const req = request as ClientRequest;
  const key = `${selector.providerId}\u0000${selector.label ?? ''}`;
  const cached = req[REQUEST_CLIENTS]?.get(key);
  if (cached) return cached;
  const owner = await service.ownerOf(request);
  if (!owner) throw new UnauthorizedException('Sign in first');
  const connection = await service.connection(selector.providerId, owner, selector.label);
  if (connection?.status !== 'active') {
    const reason = connection ? `Connection to ${selector.providerId} needs authorization again` : `Not connected to ${selector.providerId}`;
    const error = new ReauthorizationRequiredError(reason, { providerId: selector.providerId });
    throw toHttpException(error, service.connectPath(selector.providerId));
  }
  const client = service.authkit.client(selector.providerId, connection.id);
  (req[REQUEST_CLIENTS] ??= new Map()).set(key, client);
  return client;
}
