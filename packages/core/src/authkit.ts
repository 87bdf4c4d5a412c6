import type { AuthKit, AuthKitClient, AuthKitOptions } from './authkit-types';
import { AuthKitError } from './errors';
import { Pacer } from './fetch/pacer';
import { createSignedFetch } from './fetch/signed-fetch';
import { completeAuthorization } from './flows/complete-authorization';
import { connectClientCredentials, connectRefreshToken, connectStatic, saveTokenResponse } from './flows/connect';
import { authorizationUrl, consumePendingAuthorization, createPendingAuthorization } from './flows/pending';
import { observeStaticResult } from './lifecycle/status';
import { verifyConnection } from './lifecycle/verify';
import { lifecycleSettings } from './maintenance/settings';
import { sweep } from './maintenance/runner';
import { schedule, type MaintenanceHandle } from './maintenance/schedule';
import { TokenLifecycle } from './lifecycle/token-lifecycle';
import { Telemetry } from './telemetry/telemetry';
import { resolveOAuth2 } from './oauth/discovery';
import { exchangeCheckedCode, toTokenResponseInput } from './oauth/token-client';
import { revokeGrant } from './flows/disconnect';
import { requireConnection } from './flows/require-connection';
import { transientClient } from './fetch/transient-client';
import { fetchProfile } from './fetch/profile';
import type { ProviderDefinition } from './providers/types';
import type { Runtime } from './runtime';
import { providerOf } from './runtime';
import { defaultMemoryStore } from './store/memory-store';
import { connectionIdFor } from './util/connection-id';
import { toConnectionView } from './util/connection-view';
import { EventEmitter } from './util/emitter';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function indexProviders(list: readonly ProviderDefinition[]): Map<string, ProviderDefinition> {
  const map = new Map<string, ProviderDefinition>();
  for (const provider of list) {
    if (map.has(provider.id)) {
      throw new AuthKitError('configuration_error', `Two providers share the id "${provider.id}".`, { providerId: provider.id });
    }
    map.set(provider.id, provider);
  }
  return map;
}

/**
 * Creates the AuthKit entry point: flows that obtain credentials, a store that keeps them,
 * a lifecycle that keeps them fresh, and signed clients that use them.
 *
 * @example
 * ```ts
 * const authkit = createAuthKit({ providers: [providers.plannr({ clientId, clientSecret, redirectUri })] });
 * const { url } = await authkit.startAuthorization({ providerId: 'plannr', ownerId: user.id });
 * // …after the callback:
 * const { connection } = await authkit.completeAuthorization({ providerId: 'plannr', ownerId: user.id, callback: req.url });
 * const res = await authkit.client('plannr', connection.id).fetch('/api/v1/contacts');
 * ```
 */
export function createAuthKit(options: AuthKitOptions): AuthKit {
  const providers = indexProviders(options.providers);
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const store = options.store ?? defaultMemoryStore();
  const events = new EventEmitter();
  const timeoutMs = options.retry?.timeoutMs ?? 10_000;
  const telemetry = new Telemetry(options.telemetry !== false);
  const runtime: Runtime = {
    providers,
    store,
    events,
    now,
    fetch: fetchImpl,
    tokens: { fetch: fetchImpl, now, timeoutMs, telemetry },
    telemetry,
    retry: { attempts: options.retry?.attempts ?? 3, baseDelayMs: options.retry?.baseDelayMs ?? 200 },
    refreshSkewMs: options.refreshSkewMs ?? MINUTE,
    refreshTokenExpiryWarningMs: options.refreshTokenExpiryWarningMs ?? 14 * DAY,
    authorizationTtlMs: options.authorizationTtlMs ?? 10 * MINUTE,
    // Long enough for every retry of a slow token endpoint; extended while a request runs.
    refreshLock: { ttlMs: Math.max(5_000, timeoutMs * 2), waitMs: timeoutMs * 4 + 5_000 },
    lifecycle: lifecycleSettings(options.maintenance, options.health, options.refreshSkewMs ?? MINUTE),
  };
  const lifecycle = new TokenLifecycle(runtime);
  const onPacingWait = (providerId: string, seconds: number) => telemetry.rateLimitWaited(providerId, seconds);
  const pacer = options.pacing ? new Pacer(onPacingWait) : undefined;
  events.on('connection.status_changed', (event) => telemetry.statusChanged(event.providerId, event.to));

  // Clients hold no state of their own (the store and the lifecycle do), so one per connection
  // is reused across requests instead of building a signed fetch each time. Bounded, oldest out.
  const clients = new Map<string, AuthKitClient>();
  const client = (providerId: string, connectionId: string): AuthKitClient => {
    const key = `${providerId}\u0000${connectionId}`;
    const cached = clients.get(key);
    if (cached !== undefined) return cached;
    const created = newClient(providerId, connectionId);
    if (clients.size >= 1000) clients.delete(clients.keys().next().value as string);
    clients.set(key, created);
    return created;
  };
  const newClient = (providerId: string, connectionId: string): AuthKitClient => {
    const provider = providerOf(runtime, providerId);
    const signedFetch = createSignedFetch(
      provider,
      {
        current: (onRefreshWait) => lifecycle.usable(connectionId, providerId, onRefreshWait),
        observe: (record, status) => observeStaticResult(runtime, record, status),
        renew: async (record) => {
          if (!lifecycle.canRenew(record) || record.credential.kind !== 'oauth2') return undefined;
          return lifecycle.refresh(connectionId, { force: true, staleAccessToken: record.credential.accessToken }, providerId);
        },
      },
      { fetch: fetchImpl, now, telemetry, connectionId, ...(pacer === undefined ? {} : { pacer }) },
    );
    return {
      providerId,
      connectionId,
      fetch: signedFetch,
      refresh: async () => toConnectionView(await lifecycle.refresh(connectionId, { force: true }, providerId)),
      verify: async () => {
        const result = await verifyConnection(runtime, provider, await lifecycle.usable(connectionId, providerId), signedFetch);
        return result.subject === undefined ? {} : { subject: result.subject };
      },
      profile: () => fetchProfile(provider, signedFetch, async () => verifyConnection(runtime, provider, await lifecycle.usable(connectionId, providerId), signedFetch)),
    };
  };

  // Maintenance refreshes through the lifecycle (locks, rotation, health) and verifies through
  // a client's signed fetch, paced under the providers' rate limits (Planday per client id).
  const maintenancePacer = new Pacer(onPacingWait);
  const statusTally = { lastAt: Number.NEGATIVE_INFINITY };
  const runMaintenance = () =>
    sweep(runtime, {
      refresh: (record) => lifecycle.refresh(record.id, { force: true }, record.providerId),
      verify: (record) => client(record.providerId, record.id).verify(),
    }, maintenancePacer, statusTally);
  let maintenance: MaintenanceHandle | undefined;

  return {
    providers,
    store,
    provider: (providerId) => providerOf(runtime, providerId),
    connectionIdFor,
    async startAuthorization(input) {
      const pending = await createPendingAuthorization(runtime, input);
      return { url: await authorizationUrl(runtime, pending), state: pending.state, expiresAt: pending.expiresAt };
    },
    async completeAuthorization(input) {
      const { record, pending } = await completeAuthorization(runtime, input);
      return { connection: toConnectionView(record), ...(pending.returnTo === undefined ? {} : { returnTo: pending.returnTo }) };
    },
    createPendingAuthorization: (input) => createPendingAuthorization(runtime, input),
    consumePendingAuthorization: (providerId, state) => consumePendingAuthorization(runtime, providerId, state),
    async exchangeAuthorizationCode(input) {
      const provider = await resolveOAuth2(providerOf(runtime, input.providerId), runtime.tokens);
      return toTokenResponseInput(await exchangeCheckedCode(provider, runtime.tokens, input.code, input.redirectUri, input.codeVerifier));
    },
    saveTokenResponse: async (input) => toConnectionView(await saveTokenResponse(runtime, input)),
    connectStatic: async (input) => toConnectionView(await connectStatic(runtime, input)),
    connectRefreshToken: async (input) => toConnectionView(await connectRefreshToken(runtime, input)),
    connectClientCredentials: async (input) => toConnectionView(await connectClientCredentials(runtime, input)),
    async disconnect(connectionId, disconnectOptions = {}) {
      const record = await store.get(connectionId);
      if (record === undefined) return { removed: false, revoked: false };
      const revoked = (disconnectOptions.revoke ?? true) && (await revokeGrant(runtime, record, disconnectOptions.ignoreRevocationFailure === true));
      await store.delete(connectionId);
      const base = { providerId: record.providerId, connectionId, ownerId: record.ownerId };
      if (revoked) events.emit({ type: 'connection.revoked', ...base });
      events.emit({ type: 'connection.deleted', ...base });
      return { removed: true, revoked };
    },
    requireConnection: (selector) => requireConnection(runtime, selector),
    transientClient: (providerId, credential) => transientClient(runtime, providerId, credential),
    async getConnection(connectionId) {
      const record = await store.get(connectionId);
      return record === undefined ? undefined : toConnectionView(record);
    },
    async listConnections(filter) {
      return (await store.list(filter)).map(toConnectionView);
    },
    client,
    runMaintenance,
    startMaintenance(maintenanceOptions = {}) {
      maintenance ??= schedule(runMaintenance, maintenanceOptions.intervalMs ?? MINUTE, maintenanceOptions.onError ?? (() => undefined));
      const handle = maintenance;
      return {
        stop: async () => {
          if (maintenance === handle) maintenance = undefined;
          await handle.stop();
        },
      };
    },
    on: (type, listener) => events.on(type, listener),
    readConnectionRecord: (connectionId) => store.get(connectionId),
  };
}
