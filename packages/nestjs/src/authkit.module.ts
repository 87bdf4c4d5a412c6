import { Module } from '@nestjs/common';
import { AuthKitConfigurableModule } from './authkit.module-definition';

/**
 * The AuthKit module: `AuthKitModule.forRoot({ providers, getOwner, cookieSecret })` or
 * `AuthKitModule.forRootAsync({ imports, useFactory, inject })` (also `useClass`/`useExisting`),
 * with the extras `isGlobal`, `controller`, `basePath` and `strategyPrefix` beside the options.
 *
 * It serves core's connect surface under `/<basePath>` (default `/authkit`) and provides
 * {@link AuthKitService}, one passport-oauth2 strategy per OAuth2 provider
 * (`<strategyPrefix>-<providerId>`), {@link AuthKitExceptionFilter} and the `ProviderClient`
 * pipe. Several modules may live in one process, each with its own base path and prefix.
 */
@Module({})
export class AuthKitModule extends AuthKitConfigurableModule {}
