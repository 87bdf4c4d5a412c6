// Public API of @authkit/core. Keep this a short barrel.
export type * from './authkit-types';
export type * from './connection';
export type * from './credentials';
export type * from './events';
export type * from './providers/types';
export type * from './store/types';
export * from './errors';
export { Secret, secret } from './secret';
