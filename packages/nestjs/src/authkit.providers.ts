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

/** Builds the AuthKit instance from the options (core reads its own and ignores the rest), unless the app passed its own. */
function authKitFactory(options: AuthKitModuleOptions): AuthKit {
  return options.authkit ?? createAuthKit(options);
}

/** Core's connect handler, mounted at the module's base path (core reads the surface's options from the rest). */
function handlerFactory(authkit: AuthKit, options: AuthKitModuleOptions, extras: ResolvedExtras): ConnectHandler {
  return createConnectHandler(authkit, { ...options, basePath: `/${extras.basePath.replace(/^\/+|\/+$/g, '')}` });
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
