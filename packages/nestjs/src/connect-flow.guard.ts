import { Inject, Injectable, NotFoundException, mixin, type CanActivate, type ExecutionContext, type Type } from '@nestjs/common';
import { AuthGuard, type IAuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { CONNECTION_PROPERTY, strategyName } from './authkit.constants';
import { AuthKitService } from './authkit.service';
import { supportsAuthorizationCode } from './authkit.strategies';
import type { AuthKitAuthenticateOptions } from './authkit.strategy';

/**
 * `AuthGuard('authkit-<providerId>')` that puts the saved connection on
 * `request.authkitConnection` instead of `request.user` (which stays the app's user).
 * On the start route it redirects to the provider; on the callback route it completes the
 * flow. Phase is detected from the query (`code`/`state`/`error`) or the callback path.
 */
export function ConnectFlowGuard(providerId: string, phase?: 'start' | 'callback'): Type<IAuthGuard> {
  class AuthKitConnectFlowGuard extends AuthGuard(strategyName(providerId)) {
    override getAuthenticateOptions(): AuthKitAuthenticateOptions & { property: string; session: boolean } {
      return { property: CONNECTION_PROPERTY, session: false, ...(phase ? { authkitPhase: phase } : {}) };
    }
  }
  return mixin(AuthKitConnectFlowGuard);
}

/**
 * The flow guard for routes with a `:provider` parameter (the ready controller uses it; so can
 * an app's own `:provider/connect` and `:provider/callback` routes). Unknown providers, and
 * providers without a browser flow, are 404.
 */
@Injectable()
export class ProviderParamFlowGuard implements CanActivate {
  constructor(@Inject(AuthKitService) private readonly service: AuthKitService) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const providerId = String(request.params.provider ?? '');
    const provider = this.service.authkit.providers.get(providerId);
    if (!provider || !supportsAuthorizationCode(provider)) {
      throw new NotFoundException(`No OAuth2 provider named ${providerId.slice(0, 64)}`);
    }
    // The callback leg is the route whose path ends in /callback (or a handler named `callback`).
    const routePath: unknown = (request as Request & { route?: { path?: unknown } }).route?.path;
    const isCallback = (typeof routePath === 'string' && /\/callback\/?$/.test(routePath)) || context.getHandler().name === 'callback';
    const phase = isCallback ? 'callback' : 'start';
    const Guard = ConnectFlowGuard(providerId, phase);
    return new Guard().canActivate(context) as Promise<boolean>;
  }
}
