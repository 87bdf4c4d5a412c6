import type { ProviderDefinition } from './providers/types';
import type { ConnectionStore } from './store/types';
import type { TokenClientDeps } from './oauth/token-client';
import type { RetryPolicy } from './oauth/retry';
import type { EventEmitter } from './util/emitter';
import type { LifecycleSettings } from './maintenance/settings';
import type { Telemetry } from './telemetry/telemetry';
import { AuthKitError } from './errors';

/** Everything one AuthKit instance's parts share. Internal: not exported from the package. */
export interface Runtime {
  readonly providers: ReadonlyMap<string, ProviderDefinition>;
  readonly store: ConnectionStore;
  readonly events: EventEmitter;
  readonly now: () => number;
  readonly fetch: typeof fetch;
  readonly tokens: TokenClientDeps;
  readonly retry: RetryPolicy;
  readonly refreshSkewMs: number;
  readonly refreshTokenExpiryWarningMs: number;
  readonly authorizationTtlMs: number;
  /** Lock held while one refresh is in flight (extended while a slow request runs). */
  readonly refreshLock: { readonly ttlMs: number; readonly waitMs: number };
  /** Maintenance and health settings. */
  readonly lifecycle: LifecycleSettings;
  /** OpenTelemetry instrumentation; does nothing without `@opentelemetry/api`. */
  readonly telemetry: Telemetry;
}

/** The provider by id, or a `configuration_error`. */
export function providerOf(runtime: Pick<Runtime, 'providers'>, providerId: string): ProviderDefinition {
  const provider = runtime.providers.get(providerId);
  if (provider === undefined) {
    throw new AuthKitError('configuration_error', `Unknown provider "${providerId}".`, { providerId });
  }
  return provider;
}
