/**
 * `@authkit/demo-kit` (private): what the demo apps share and is not about their framework —
 * the five seed systems, their providers built from a sandbox connection, demo credentials
 * minted once per user, the lifecycle event log, the dashboard's view model and its HTML,
 * the demo actions (refresh, verify, mint), the demo login cookie and the demo's file store.
 */
export { API_CALLS, SYSTEMS, apiCallFor } from './catalogue';
export type { ApiCall, ConnectMethod, SystemEntry } from './catalogue';
export { OAUTH_CLIENTS, demoProviders, registerCallbacks } from './providers';
export { verifyByKind, withVerify } from './verify';
export { DEMO_MAINTENANCE, maintenanceIntervalMs } from './maintenance';
export { DEMO_CREDENTIAL_KINDS, isDemoCredentialKind, mintDemoCredential } from './credentials';
export type { DemoApiToken, DemoCredentialKind, DemoCredentials } from './credentials';
export { DemoCredentialBank } from './credential-bank';
export type { ShownCredentials } from './credential-bank';
export { EventLog, describeEvent } from './events';
export type { EventEntry } from './events';
export { methodLabel, needsReconnect, relativeTime, shortDate, statusWords } from './words';
export type { StatusWords } from './words';
export { callApi } from './api-call';
export type { ApiResult } from './api-call';
export { isDemoAction, runDemoAction } from './actions';
export type { DemoAction, DemoActionInput } from './actions';
export { buildDashboard } from './dashboard/build';
export type { DashboardInput } from './dashboard/build';
export { noticeFrom } from './dashboard/notice';
export type { CardView, DashboardView, DemoCredentialView, FieldView, FormView, MethodView, Notice, SystemView, TimelineItem } from './dashboard/model';
export { SafeHtml, h, html } from './html';
export { layout } from './views/layout';
export { dashboardPage, errorPage, loginPage } from './views/pages';
export { DEMO_CSS } from './styles';
export { FAVICON_SVG, FAVICON_TYPE } from './favicon';
export { DemoSession } from './session';
export { USER_NAME_PATTERN, USER_NAME_RULE, validUserName } from './user-name';
export type { CookieRequest, CookieResponse, SessionCookieOptions } from './session';
export { createDemoStore } from './store';
export type { DemoStoreConfig } from './store';
