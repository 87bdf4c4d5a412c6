import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AuthKitError, supportsBrowserFlow } from '@authkit/core';
import passport from 'passport';
import type OAuth2Strategy from 'passport-oauth2';
import { AUTHKIT_EXTRAS } from './authkit.constants';
import type { ResolvedExtras } from './authkit.options';
import { AuthKitService } from './authkit.service';
import { createAuthKitStrategy } from './authkit.strategy';

/**
 * Strategy names taken by live AuthKit modules of this process. Passport's registry is global,
 * so a second module reusing a name would silently take over the first one's flows: refused.
 */
const taken = new Map<string, AuthKitStrategies>();

/**
 * One passport strategy per browser-authorizable provider, named `<strategyPrefix>-<id>`,
 * created when the module starts and removed from passport when it stops.
 */
@Injectable()
export class AuthKitStrategies implements OnModuleDestroy {
  readonly strategies: ReadonlyMap<string, OAuth2Strategy>;

  constructor(
    @Inject(AuthKitService) service: AuthKitService,
    @Inject(AUTHKIT_EXTRAS) extras: ResolvedExtras,
  ) {
    const strategies = new Map<string, OAuth2Strategy>();
    for (const provider of service.authkit.providers.values()) {
      if (!supportsBrowserFlow(provider)) continue;
      const name = `${extras.strategyPrefix}-${provider.id}`;
      if (taken.has(name)) {
        throw new AuthKitError(
          'configuration_error',
          `The passport strategy "${name}" belongs to another AuthKitModule in this process: give each module its own strategyPrefix.`,
          { providerId: provider.id },
        );
      }
      strategies.set(name, createAuthKitStrategy(provider, name, service));
      taken.set(name, this);
    }
    this.strategies = strategies;
  }

  onModuleDestroy(): void {
    for (const name of this.strategies.keys()) {
      if (taken.get(name) !== this) continue;
      taken.delete(name);
      passport.unuse(name);
    }
  }
}
