/**
 * @authkit/nestjs — AuthKit for NestJS (Express platform): `AuthKitModule.forRoot/forRootAsync`,
 * `AuthKitService`, passport-oauth2 strategies named `authkit-<providerId>`, `ConnectionGuard`,
 * `@ProviderClient`, `AuthKitExceptionFilter` and an optional ready controller.
 */
export { AuthKitModule } from './authkit.module';
export { AUTHKIT_OPTIONS_TYPE, AUTHKIT_ASYNC_OPTIONS_TYPE } from './authkit.module-definition';
export type { AuthKitModuleOptions, AuthKitModuleExtras, GetOwner } from './authkit.options';
export { AUTHKIT, AUTHKIT_BASE_PATH, AUTHKIT_MODULE_OPTIONS, CONNECTION_PROPERTY, strategyName } from './authkit.constants';
export { AuthKitService } from './authkit.service';
export { AuthKitStrategies, supportsAuthorizationCode } from './authkit.strategies';
export { createAuthKitStrategy, type AuthKitAuthenticateOptions } from './authkit.strategy';
export { ConnectionGuard, RequireConnection } from './connection.guard';
export { ConnectFlowGuard, ProviderParamFlowGuard } from './connect-flow.guard';
export { ProviderClient } from './provider-client.decorator';
export { ProviderClientPipe, type ProviderClientRequest } from './provider-client.pipe';
export { AuthKitExceptionFilter } from './authkit.filter';
export { toHttpException, httpStatusOf, retryAfterHeader, type AuthKitErrorBody } from './http-errors';
export { createAuthKitController } from './authkit.controller';
// Re-exported so one install is enough for the common cases.
export * from '@authkit/core';
