import type { ConnectionRecord } from '../connection';
import type { OAuth2Credential } from '../credentials';
import { AuthKitError, ReauthorizationRequiredError, TokenEndpointError, VersionConflictError } from '../errors';
import { resolvedOAuth2Now, resolveOAuth2 } from '../oauth/discovery';
import { clientCredentialsGrant, refreshTokenGrant, toOAuth2Credential } from '../oauth/token-client';
import { isTransient, withRetry } from '../oauth/retry';
import { coolingDown, failureCode, recordFailure, recovered } from './health';
import type { Runtime } from '../runtime';
import { providerOf } from '../runtime';
import type { Secret } from '../secret';
import { synchronousAccess } from '../store/synchronous';
import { unrefTimer } from '../util/sleep';
import { canRenew, isUsable } from './usable';
import { writeRecord } from './write';
import { renewalTime } from './renewal-time';

/** Options of {@link TokenLifecycle.refresh}. */
export interface RefreshOptions {
  /** Refresh even if the token looks fresh (a 401, or `client.refresh()`). */
  force?: boolean;
  /**
   * The access token a request was rejected with. If the stored one differs and is fresh, a
   * sibling already refreshed: adopt it instead of refreshing again.
   */
  staleAccessToken?: Secret;
}

/**
 * Keeps OAuth2 connections usable: refresh ahead of expiry, one refresh at a time per
 * connection (in-process single flight plus the store's lock across processes), rotated
 * refresh tokens persisted before use, transient failures retried, `invalid_grant` turned
 * into `reauthorization_required` only after re-reading the record.
 */
export class TokenLifecycle {
  readonly #runtime: Runtime;
  readonly #inflight = new Map<string, Promise<ConnectionRecord>>();
  /** `connectionId:refreshTokenExpiresAt` already announced, so each refresh token warns once. */
  readonly #warned = new Set<string>();

  constructor(runtime: Runtime) {
    this.#runtime = runtime;
  }

  /** True when the access token is within the skew of its expiry (capped at half its lifetime). */
  needsRefresh(record: ConnectionRecord): boolean {
    const credential = record.credential;
    if (credential.kind !== 'oauth2' || credential.expiresAt === undefined) return false;
    return renewalTime(credential.expiresAt, credential.issuedAt, this.#runtime.refreshSkewMs) <= this.#runtime.now();
  }

  /** True when AuthKit can get a new access token without the user. */
  canRenew(record: ConnectionRecord): boolean {
    return canRenew(record);
  }

  /**
   * The record to sign a request with: active, and refreshed first if it is about to expire.
   * Returns synchronously when the store can be read synchronously and no refresh is due (the
   * request hot path); otherwise a promise.
   */
  usable(connectionId: string, providerId: string, onRefreshWait?: () => void): ConnectionRecord | Promise<ConnectionRecord> {
    const store = this.#runtime.store;
    const sync = synchronousAccess(store);
    if (sync !== undefined) return this.#checkUsable(sync.peek(connectionId), connectionId, providerId, onRefreshWait);
    return store.get(connectionId).then((record) => this.#checkUsable(record, connectionId, providerId, onRefreshWait));
  }

  #checkUsable(record: ConnectionRecord | undefined, connectionId: string, providerId: string, onRefreshWait?: () => void): ConnectionRecord | Promise<ConnectionRecord> {
    if (record === undefined || record.providerId !== providerId) throw notFound(connectionId, providerId);
    assertActive(record);
    this.announceExpiry(record);
    if (this.needsRefresh(record) && this.canRenew(record)) {
      onRefreshWait?.();
      return this.refresh(connectionId, {}, providerId);
    }
    return record;
  }

  /** Refreshes (or adopts a sibling's refresh); concurrent callers share one refresh. */
  refresh(connectionId: string, options: RefreshOptions = {}, providerId?: string): Promise<ConnectionRecord> {
    const running = this.#inflight.get(connectionId);
    if (running !== undefined) return running;
    const promise = this.#refreshUnderLock(connectionId, options, providerId).finally(() => {
      this.#inflight.delete(connectionId);
    });
    this.#inflight.set(connectionId, promise);
    return promise;
  }

  /** Emits `refresh_token.expiring` once per refresh token when its known expiry is near. */
  announceExpiry(record: ConnectionRecord): void {
    const credential = record.credential;
    if (credential.kind !== 'oauth2' || credential.refreshTokenExpiresAt === undefined) return;
    if (credential.refreshTokenExpiresAt - this.#runtime.refreshTokenExpiryWarningMs > this.#runtime.now()) return;
    const key = `${record.id}:${credential.refreshTokenExpiresAt}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.#runtime.events.emit({
      type: 'refresh_token.expiring',
      providerId: record.providerId,
      connectionId: record.id,
      ownerId: record.ownerId,
      expiresAt: credential.refreshTokenExpiresAt,
    });
  }

  async #refreshUnderLock(connectionId: string, options: RefreshOptions, providerId?: string): Promise<ConnectionRecord> {
    const { store, refreshLock, telemetry } = this.#runtime;
    const waitStarted = Date.now();
    // With the default store a free lock and the record are taken synchronously, so the first
    // caller of a storm sends its refresh before the other callers are even started.
    const key = `refresh:${connectionId}`;
    const lock = synchronousAccess(store)?.tryLock(key, refreshLock.ttlMs) ?? (await store.lock(key, refreshLock));
    telemetry.lockWaited((Date.now() - waitStarted) / 1000);
    // A slow token endpoint must not let the lock lapse while our request is in flight.
    const keepAlive = setInterval(() => {
      lock.extend(refreshLock.ttlMs).catch(() => undefined);
    }, Math.max(50, Math.floor(refreshLock.ttlMs / 3)));
    unrefTimer(keepAlive);
    try {
      // Re-read under the lock: another process may have refreshed while we waited.
      const record = this.#peek(connectionId, providerId) ?? (await this.#read(connectionId, providerId));
      assertActive(record);
      if (record.credential.kind !== 'oauth2' || !this.canRenew(record)) return record;
      if (!options.force && !this.needsRefresh(record)) return record;
      if (options.force && options.staleAccessToken !== undefined && !record.credential.accessToken.equals(options.staleAccessToken) && !this.needsRefresh(record)) {
        return record;
      }
      const cooling = coolingDown(this.#runtime, record);
      if (cooling !== undefined) {
        // A token that still works is used; an expired one gets a typed error at once.
        const expiresAt = record.credential.expiresAt;
        if (!options.force && (expiresAt === undefined || expiresAt > this.#runtime.now())) return record;
        throw cooling;
      }
      const started = Date.now();
      try {
        const renewed = await this.#renew(record, record.credential, false);
        telemetry.refreshed(record.providerId, 'success', (Date.now() - started) / 1000);
        return renewed;
      } catch (error) {
        telemetry.refreshed(record.providerId, error instanceof AuthKitError ? error.code : 'failure', (Date.now() - started) / 1000);
        if (isTransient(error) || (error instanceof AuthKitError && error.code === 'provider_unavailable')) await recordFailure(this.#runtime, record, error);
        throw error;
      }
    } finally {
      clearInterval(keepAlive);
      await lock.release().catch(() => undefined);
    }
  }

  async #renew(record: ConnectionRecord, credential: OAuth2Credential, siblingRetry: boolean): Promise<ConnectionRecord> {
    const { events, tokens, retry, now } = this.#runtime;
    const definition = providerOf(this.#runtime, record.providerId);
    const provider = resolvedOAuth2Now(definition) ?? (await resolveOAuth2(definition, tokens));
    const onFailure = (error: unknown, attempt: number) => {
      events.emit({
        type: 'token.refresh_failed',
        providerId: record.providerId,
        connectionId: record.id,
        transient: error instanceof TokenEndpointError && error.transient,
        code: failureCode(error),
        attempt,
      });
    };

    if (record.grant === 'client_credentials') {
      const response = await withRetry(retry, () => clientCredentialsGrant(provider, tokens, credential.scopes), onFailure);
      const next = toOAuth2Credential(provider, response, now(), { requestedScopes: credential.scopes });
      return this.#persist(record, credential, next, false);
    }

    const refreshToken = credential.refreshToken;
    if (refreshToken === undefined) return this.#requireReauthorization(record, 'no_refresh_token');
    let response;
    try {
      response = await withRetry(retry, () => refreshTokenGrant(provider, tokens, refreshToken.reveal()), onFailure);
    } catch (error) {
      if (error instanceof TokenEndpointError && error.error === 'invalid_grant') {
        return this.#afterInvalidGrant(record, refreshToken, siblingRetry);
      }
      throw error;
    }
    const next = toOAuth2Credential(provider, response, now(), { previous: credential });
    const rotated = response.refresh_token !== undefined && response.refresh_token !== refreshToken.reveal();
    return this.#persist(record, credential, next, rotated);
  }

  /**
   * `invalid_grant`: the refresh token is dead, unless another worker rotated it (a store
   * whose lock it did not honour, or a write that raced ours). Re-read before giving up.
   */
  async #afterInvalidGrant(record: ConnectionRecord, usedRefreshToken: Secret, siblingRetry: boolean): Promise<ConnectionRecord> {
    const latest = await this.#runtime.store.get(record.id);
    if (latest === undefined) throw notFound(record.id, record.providerId);
    assertActive(latest);
    const credential = latest.credential;
    if (credential.kind === 'oauth2' && credential.refreshToken !== undefined && !credential.refreshToken.equals(usedRefreshToken)) {
      if (!this.needsRefresh(latest)) return latest;
      if (!siblingRetry) return this.#renew(latest, credential, true);
    }
    return this.#requireReauthorization(latest, 'invalid_grant');
  }

  async #persist(
    record: ConnectionRecord,
    previous: OAuth2Credential,
    credential: OAuth2Credential,
    rotated: boolean,
  ): Promise<ConnectionRecord> {
    const { store, events, now } = this.#runtime;
    let base = record;
    let saved: ConnectionRecord | undefined;
    // The new tokens (a rotated refresh token above all) are stored before anyone uses them.
    for (let attempt = 0; attempt < 3 && saved === undefined; attempt++) {
      try {
        const { health: _health, ...healthy } = base;
        saved = await writeRecord(this.#runtime, { ...healthy, ...recovered(base), credential, updatedAt: now() }, base.version);
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        const latest = await store.get(record.id);
        if (latest === undefined) throw notFound(record.id, record.providerId);
        assertActive(latest);
        const sameGrant =
          latest.credential.kind === 'oauth2' &&
          (latest.credential.refreshToken?.equals(previous.refreshToken) ?? previous.refreshToken === undefined);
        // Someone else replaced the credential (a reconnect, a sibling): theirs wins.
        if (!sameGrant) return latest;
        base = latest;
      }
    }
    if (saved === undefined) {
      throw new AuthKitError('version_conflict', `Could not store the refreshed credential of ${record.id}.`, {
        providerId: record.providerId,
        connectionId: record.id,
      });
    }
    if (record.status === 'failing' && saved.status === 'active') {
      events.emit({ type: 'connection.status_changed', providerId: saved.providerId, connectionId: saved.id, ownerId: saved.ownerId, from: 'failing', to: 'active', reason: 'recovered' });
    }
    events.emit({
      type: 'token.refreshed',
      providerId: saved.providerId,
      connectionId: saved.id,
      ...(credential.expiresAt === undefined ? {} : { expiresAt: credential.expiresAt }),
      rotated,
    });
    this.announceExpiry(saved);
    return saved;
  }

  async #requireReauthorization(record: ConnectionRecord, reason: string): Promise<never> {
    const { store, events, now } = this.#runtime;
    let current: ConnectionRecord | undefined = record;
    for (let attempt = 0; attempt < 3 && current !== undefined && isUsable(current); attempt++) {
      try {
        const from = current.status;
        current = await writeRecord(this.#runtime, { ...current, status: 'reauthorization_required', updatedAt: now() }, current.version);
        events.emit({ type: 'connection.status_changed', providerId: record.providerId, connectionId: record.id, ownerId: record.ownerId, from, to: 'reauthorization_required', reason });
        events.emit({
          type: 'connection.reauthorization_required',
          providerId: record.providerId,
          connectionId: record.id,
          ownerId: record.ownerId,
          reason,
        });
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        current = await store.get(record.id);
      }
    }
    throw new ReauthorizationRequiredError(`The ${record.providerId} connection must be authorized again (${reason}).`, {
      providerId: record.providerId,
      connectionId: record.id,
    });
  }

  /** The record, synchronously, where the store allows it (the default store). */
  #peek(connectionId: string, providerId?: string): ConnectionRecord | undefined {
    const record = synchronousAccess(this.#runtime.store)?.peek(connectionId);
    return record !== undefined && (providerId === undefined || record.providerId === providerId) ? record : undefined;
  }

  async #read(connectionId: string, providerId?: string): Promise<ConnectionRecord> {
    const record = await this.#runtime.store.get(connectionId);
    if (record === undefined || (providerId !== undefined && record.providerId !== providerId)) {
      throw notFound(connectionId, providerId);
    }
    return record;
  }
}

function notFound(connectionId: string, providerId?: string): AuthKitError {
  return new AuthKitError('connection_not_found', `No connection ${connectionId}.`, {
    ...(providerId === undefined ? {} : { providerId }),
    connectionId,
  });
}

export { isUsable } from './usable';

/** A connection that is not usable is never used and never refreshed. */
export function assertActive(record: ConnectionRecord): void {
  if (isUsable(record)) return;
  throw new ReauthorizationRequiredError(`The ${record.providerId} connection is ${record.status}; the user must authorize again.`, {
    providerId: record.providerId,
    connectionId: record.id,
  });
}
