/**
 * @authkit/nestjs — AuthKit for NestJS (Express platform): `AuthKitModule.forRoot/forRootAsync`
 * serving core's connect surface, `AuthKitService`, `ConnectionGuard`, `@ProviderClient`,
 * `AuthKitExceptionFilter`, and passport-oauth2 strategies named `<strategyPrefix>-<providerId>`.
 */
export { AuthKitModule } from './authkit.module';
export { AUTHKIT_OPTIONS_TYPE, AUTHKIT_ASYNC_OPTIONS_TYPE } from './authkit.module-definition';
export type { AuthKitModuleOptions, AuthKitModuleExtras, GetOwner } from './authkit.options';
export { AUTHKIT, AUTHKIT_HANDLER, AUTHKIT_MODULE_OPTIONS } from './authkit.constants';
export { AuthKitService } from './authkit.service';
export { AuthKitStrategies } from './authkit.strategies';
export { createAuthKitStrategy, type AuthKitAuthenticateOptions } from './authkit.strategy';
export { ConnectionGuard, RequireConnection } from './connection.guard';
export { ProviderClient } from './provider-client.decorator';
export { ProviderClientPipe, type ProviderClientRequest } from './provider-client.pipe';
export { AuthKitExceptionFilter } from './authkit.filter';
export { createAuthKitController } from './authkit.controller';
// Re-exported so one install is enough for the common cases.
export * from '@authkit/core';
