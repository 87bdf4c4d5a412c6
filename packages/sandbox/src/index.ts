/**
 * `@authkit/sandbox`: a local emulator of every provider AuthKit supports — iGUIDE Portal,
 * Plannr, Planday, a generic OAuth2 + PAT API and a client-credentials + API-key API — for
 * tests, demos and benchmarks that must run without the internet.
 *
 * @packageDocumentation
 */
export { startSandbox } from './sandbox';
export type { Sandbox, SandboxEndpoints, SandboxFaults, StartSandboxOptions } from './sandbox-types';
export { DEMO_CLIENTS } from './data';
export { SandboxClock } from './clock';
export { fingerprint } from './redact';
export type { IguideApiToken, IguideRotatedToken } from './providers/iguide-tokens';
export type { PlannrAdmin } from './providers/plannr';
export type { PlandayAdmin } from './providers/planday';
export type { OAuth2Admin } from './providers/oauth2';
export type { ClientCredentialsAdmin } from './providers/client-credentials';
export { IGUIDE_SCOPES } from './providers/iguide';
export { PLANDAY_SCOPES } from './providers/planday';
export { OAUTH2_SCOPES } from './providers/oauth2';
export type {
  ClientRegistration,
  FaultKind,
  FaultSpec,
  ProviderId,
  ProviderSettings,
  RateLimitSettings,
  RequestLogEntry,
  RotationMode,
  SandboxSettings,
} from './types';
export { connectSandbox, startOrConnectSandbox } from './connection/remote';
export type { StartOrConnectOptions } from './connection/remote';
export { connectionTo } from './connection/in-process';
export type { SandboxConnection } from './connection/types';
