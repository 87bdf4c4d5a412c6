import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ProviderDefinition } from '@authkit/core';
import passport from 'passport';
import type OAuth2Strategy from 'passport-oauth2';
import { AUTHKIT_MODULE_OPTIONS, strategyName } from './authkit.constants';
import type { AuthKitModuleOptions } from './authkit.options';
import { AuthKitService } from './authkit.service';
import { createAuthKitStrategy } from './authkit.strategy';

/** True for providers a browser can authorize (authorization-code grant with an endpoint). */
export function supportsAuthorizationCode(provider: ProviderDefinition): boolean {
  const oauth2 = provider.oauth2;
  return !!oauth2?.authorizationEndpoint && oauth2.grants.includes('authorization_code');
}

/**
 * Creates one passport strategy per authorization-code provider when the module starts, and
 * removes them from passport when it stops. Passport keeps strategies in one process-wide
 * registry by name, so one AuthKitModule per process (per set of provider ids) is supported.
 */
@Injectable()
export class AuthKitStrategies implements OnModuleDestroy {
  readonly strategies: ReadonlyMap<string, OAuth2Strategy>;

  constructor(
    @Inject(AuthKitService) service: AuthKitService,
    @Inject(AUTHKIT_MODULE_OPTIONS) options: AuthKitModuleOptions,
  ) {
    const strategies = new Map<string, OAuth2Strategy>();
    for (const provider of service.authkit.providers.values()) {
      if (!supportsAuthorizationCode(provider)) continue;
      if (registered(strategyName(provider.id))) {
        new Logger('AuthKit').warn(`Passport strategy ${strategyName(provider.id)} is already registered in this process; replacing it`);
      }
      strategies.set(provider.id, createAuthKitStrategy(provider, callbackUrl(provider, options, service.basePath), service));
    }
    this.strategies = strategies;
  }

  onModuleDestroy(): void {
    for (const [providerId, strategy] of this.strategies) {
      const name = strategyName(providerId);
      if (registered(name) === strategy) passport.unuse(name);
    }
  }
}

/** The strategy passport holds under `name`, if any (`_strategy` is passport's own lookup). */
function registered(name: string): unknown {
  return (passport as unknown as { _strategy(name: string): unknown })._strategy(name);
}

/** The provider's own redirect URI, else `<appUrl>/<basePath>/<id>/callback` (relative without appUrl). */
function callbackUrl(provider: ProviderDefinition, options: AuthKitModuleOptions, basePath: string): string {
  if (provider.oauth2?.redirectUri) return provider.oauth2.redirectUri;
  const path = `/${basePath}/${encodeURIComponent(provider.id)}/callback`;
  return options.appUrl ? `${options.appUrl.replace(/\/+$/, '')}${path}` : path;
}
