/**
 * `@authkit/demo-kit` (private): what the demo apps share and is not about their framework —
 * the five seed systems, their providers built from a sandbox connection, demo credentials,
 * the server-rendered pages, the demo login cookie and the demo's file store.
 */
export { API_CALLS, SYSTEMS, apiCallFor } from './catalogue';
export type { ApiCall, ConnectMethod, SystemEntry } from './catalogue';
export { OAUTH_CLIENTS, demoProviders, registerCallbacks } from './providers';
export { mintDemoCredentials } from './credentials';
export type { DemoCredentials } from './credentials';
export { SafeHtml, h, html, layout } from './html';
export { demoPages } from './views/pages';
export type { DemoPages } from './views/pages';
export type { ApiResult, DashboardModel, PageOptions } from './views/options';
export { DemoSession, validUserName } from './session';
export type { CookieRequest, CookieResponse, SessionCookieOptions } from './session';
export { createDemoStore } from './store';
export type { DemoStoreConfig } from './store';
