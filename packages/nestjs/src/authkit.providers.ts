import type { DynamicModule, Provider } from '@nestjs/common';
import { createAuthKit, type AuthKit } from '@authkit/core';
import { AUTHKIT, AUTHKIT_BASE_PATH, AUTHKIT_MODULE_OPTIONS } from './authkit.constants';
import { createAuthKitController } from './authkit.controller';
import { AuthKitExceptionFilter } from './authkit.filter';
import type { AuthKitModuleExtras, AuthKitModuleOptions } from './authkit.options';
import { AuthKitService } from './authkit.service';
import { AuthKitStrategies } from './authkit.strategies';
import { ProviderClientPipe } from './provider-client.pipe';

/** Builds the AuthKit instance from the options, unless the app passed its own. */
function authKitFactory(options: AuthKitModuleOptions): AuthKit {
  if (options.authkit) return options.authkit;
  // Only core's own options reach createAuthKit; the adapter's are Nest-side.
  const { getOwner: _getOwner, appUrl: _appUrl, authkit: _authkit, ...coreOptions } = options;
  return createAuthKit(coreOptions);
}

/** Adds AuthKit's providers, exports and optional controller to the generated module. */
export function withAuthKitProviders(
  definition: DynamicModule,
  extras: Required<AuthKitModuleExtras>,
): DynamicModule {
  const basePath = extras.basePath.replace(/^\/+|\/+$/g, '');
  const providers: Provider[] = [
    { provide: AUTHKIT, useFactory: authKitFactory, inject: [AUTHKIT_MODULE_OPTIONS] },
    { provide: AUTHKIT_BASE_PATH, useValue: basePath },
    AuthKitService,
    AuthKitStrategies,
    AuthKitExceptionFilter,
    ProviderClientPipe,
  ];
  return {
    ...definition,
    global: extras.isGlobal,
    providers: [...(definition.providers ?? []), ...providers],
    controllers: extras.controller ? [createAuthKitController(basePath)] : [],
    exports: [AUTHKIT, AUTHKIT_BASE_PATH, AUTHKIT_MODULE_OPTIONS, AuthKitService, AuthKitExceptionFilter, ProviderClientPipe],
  };
}
