// Public API of @authkit/core. Keep this a short barrel.
export type * from './authkit-types';
export type * from './connection';
export type * from './credentials';
export type * from './events';
export { AUTHKIT_EVENT_TYPES } from './events';
export type * from './providers/types';
export type * from './store/types';
export * from './errors';
export { Secret, secret } from './secret';

export type { MaintenanceOptions, HealthOptions } from './maintenance/settings';
export type { MaintenanceReport } from './maintenance/report';
export type { MaintenanceHandle } from './maintenance/schedule';
/** Creates the AuthKit entry point. */
export { createAuthKit } from './authkit';
/** The default in-memory connection store. */
export { MemoryStore, defaultMemoryStore } from './store/memory-store';
export type { MemoryStoreOptions } from './store/memory-store';
/** The sorted due-time index in-process stores keep for maintenance sweeps (for store authors). */
export { DueIndex } from './store/due-index';
/** The secret-free view of a connection record. */
export { toConnectionView } from './util/connection-view';
/** Who a credential belongs to at the provider (`client.profile()`), for sign-in adapters. */
export { profileSourceFor } from './fetch/profile';
export type { AccountProfile, ProfileSource } from './fetch/profile';
/** A store or service URL fit for a log (password and secret-named parameters masked). */
export { redactUrl } from './util/redact-url';
/** Deterministic connection id for provider + owner (+ label). */
export { connectionIdFor } from './util/connection-id';
/** Provider factories (`providers.iguide()`, `providers.oauth2({...})`, …) and helpers. */
export * from './providers/index';
/** Encryption at rest for durable stores. */
export * from './crypto/index';
/** The HTTP surface: createConnectHandler, toHttpError, the one wording per error code. */
export * from './http/index';
