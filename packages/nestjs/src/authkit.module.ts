import { Module } from '@nestjs/common';
import { AuthKitConfigurableModule } from './authkit.module-definition';

/**
 * The AuthKit module: `AuthKitModule.forRoot({ providers, store, getOwner })` or
 * `AuthKitModule.forRootAsync({ imports, useFactory, inject })` (also `useClass`/`useExisting`),
 * with the extras `isGlobal`, `controller` and `basePath` beside the options in both forms.
 *
 * It provides {@link AuthKitService}, one passport-oauth2 strategy per OAuth2 provider
 * (`authkit-<providerId>`), {@link AuthKitExceptionFilter} and the `ProviderClient` pipe.
 */
@Module({})
export class AuthKitModule extends AuthKitConfigurableModule {}
