import { Inject, mixin, type CanActivate, type ExecutionContext, type Type } from '@nestjs/common';
import type { Request } from 'express';
import { AuthKitService } from './authkit.service';

/**
 * Lets a request through only when its owner has a usable connection to the provider (core's
 * one lookup: 404 `connection_not_found`, 401 `reauthorization_required` or `owner_required`,
 * answered by {@link AuthKitExceptionFilter}). The signed client it resolves is reused by
 * `@ProviderClient` on the same request.
 *
 * @example `@UseGuards(ConnectionGuard('planday'))`
 */
export function ConnectionGuard(providerId: string, options: { label?: string } = {}): Type<CanActivate> {
  class AuthKitConnectionGuard implements CanActivate {
    constructor(@Inject(AuthKitService) private readonly service: AuthKitService) {}

    async canActivate(context: ExecutionContext): Promise<boolean> {
      await this.service.client(context.switchToHttp().getRequest<Request>(), providerId, options.label);
      return true;
    }
  }
  return mixin(AuthKitConnectionGuard);
}

/** Alias of {@link ConnectionGuard}. */
export const RequireConnection = ConnectionGuard;
