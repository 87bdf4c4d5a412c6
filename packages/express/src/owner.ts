import type { AuthKit } from '@authkit/core';
import type { Request } from 'express';
import { AuthKitExpressError } from './adapter-error';
import type { GetOwner } from './types';

/** The owner from the app's `getOwner`, or a 401 `owner_required` error. */
export async function resolveOwner(getOwner: GetOwner, req: Request): Promise<string> {
  const owner = await getOwner(req);
  if (typeof owner !== 'string' || owner.length === 0) {
    throw new AuthKitExpressError('owner_required', 'Sign in first: connections belong to a signed-in user');
  }
  return owner;
}

/** Checks the provider id against the configured providers (404 `unknown_provider`). */
export function knownProvider(authkit: AuthKit, providerId: unknown): string {
  if (typeof providerId !== 'string' || !authkit.providers.has(providerId)) {
    throw new AuthKitExpressError('unknown_provider', 'No such provider is configured');
  }
  return providerId;
}
