import type { DynamicModule, Provider } from '@nestjs/common';
import { createAuthKit, createConnectHandler, type AuthKit, type ConnectHandler } from '@authkit/core';
import { AUTHKIT, AUTHKIT_EXTRAS, AUTHKIT_HANDLER, AUTHKIT_MODULE_OPTIONS } from './authkit.constants';
import { createAuthKitController } from './authkit.controller';
import { AuthKitExceptionFilter } from './authkit.filter';
import type { AuthKitModuleOptions, ResolvedExtras } from './authkit.options';
import { AuthKitService } from './authkit.service';
import { AuthKitStrategies } from './authkit.strategies';
import { BodyParserErrors } from './body-parser-errors';
import { ProviderClientPipe } from './provider-client.pipe';

/** Builds the AuthKit instance from the options, unless the app passed its own. */
function authKitFactory(options: AuthKitModuleOptions): AuthKit {
  if (options.authkit) return options.authkit;
  // Only core's own options reach createAuthKit; the rest are the surface's and Nest's.
  const { getOwner: _o, cookieSecret: _c, appUrl: _a, defaultReturnTo: _d, cookiePrefix: _p, bodyLimitBytes: _b, onError: _e, startMaintenance: _m, authkit: _k, ...core } = options;
  return createAuthKit(core);
}

/** Core's connect handler, mounted at the module's base path. */
function handlerFactory(authkit: AuthKit, options: AuthKitModuleOptions, extras: ResolvedExtras): ConnectHandler {
  const { cookieSecret, appUrl, defaultReturnTo, cookiePrefix, bodyLimitBytes, onError } = options;
  return createConnectHandler(authkit, {
    basePath: `/${extras.basePath.replace(/^\/+|\/+$/g, '')}`,
    cookieSecret,
    ...(appUrl === undefined ? {} : { appUrl }),
    ...(defaultReturnTo === undefined ? {} : { defaultReturnTo }),
    ...(cookiePrefix === undefined ? {} : { cookiePrefix }),
    ...(bodyLimitBytes === undefined ? {} : { bodyLimitBytes }),
    ...(onError === undefined ? {} : { onError }),
  });
}

/** Adds AuthKit's providers, exports and controller to the generated module. */
export function withAuthKitProviders(definition: DynamicModule, extras: ResolvedExtras): DynamicModule {
  const providers: Provider[] = [
    { provide: AUTHKIT_EXTRAS, useValue: extras },
    { provide: AUTHKIT, useFactory: authKitFactory, inject: [AUTHKIT_MODULE_OPTIONS] },
    { provide: AUTHKIT_HANDLER, useFactory: handlerFactory, inject: [AUTHKIT, AUTHKIT_MODULE_OPTIONS, AUTHKIT_EXTRAS] },
    AuthKitService,
    AuthKitStrategies,
    AuthKitExceptionFilter,
    ProviderClientPipe,
    BodyParserErrors,
  ];
  return {
    ...definition,
    global: extras.isGlobal,
    providers: [...(definition.providers ?? []), ...providers],
    controllers: extras.controller ? [createAuthKitController(extras.basePath)] : [],
    exports: [AUTHKIT, AUTHKIT_HANDLER, AUTHKIT_MODULE_OPTIONS, AuthKitService, AuthKitStrategies, AuthKitExceptionFilter, ProviderClientPipe],
  };
}
