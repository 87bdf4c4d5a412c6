import { Inject, mixin, type CanActivate, type ExecutionContext, type Type } from '@nestjs/common';
import type { Request } from 'express';
import { AuthKitService } from './authkit.service';
import { resolveClient } from './connection.resolve';

/**
 * A guard that lets a request through only when its owner has a live connection to the
 * provider (401 otherwise, with a `reauthorizeUrl` for OAuth2 providers). The signed client
 * it resolves is reused by `@ProviderClient` on the same request.
 *
 * @example `@UseGuards(ConnectionGuard('planday'))`
 */
export function ConnectionGuard(providerId: string, options: { label?: string } = {}): Type<CanActivate> {
  class AuthKitConnectionGuard implements CanActivate {
    constructor(@Inject(AuthKitService) private readonly service: AuthKitService) {}

    async canActivate(context: ExecutionContext): Promise<boolean> {
      const request = context.switchToHttp().getRequest<Request>();
      await resolveClient(this.service, request, { providerId, ...options });
      return true;
    }
  }
  return mixin(AuthKitConnectionGuard);
}

/** Alias of {@link ConnectionGuard}. */
export const RequireConnection = ConnectionGuard;
