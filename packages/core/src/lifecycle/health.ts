import type { ConnectionHealth, ConnectionRecord } from '../connection';
import { AuthKitError, TokenEndpointError, VersionConflictError } from '../errors';
import type { Runtime } from '../runtime';
import { writeRecord } from './write';

/** The code a failure is recorded under: the OAuth `error` where there is one, else the AuthKit code. */
export function failureCode(error: unknown): string {
  if (error instanceof TokenEndpointError && error.error !== undefined) return error.error;
  return error instanceof AuthKitError ? error.code : 'unknown';
}

/** The health after one more transient failure: counted, timed, with a doubling cool-down. */
function afterFailure(runtime: Runtime, previous: ConnectionHealth | undefined, code: string): ConnectionHealth {
  const now = runtime.now();
  const failureCount = (previous?.failureCount ?? 0) + 1;
  const { cooldownMs, maxCooldownMs } = runtime.lifecycle;
  return {
    failureCount,
    firstFailureAt: previous?.firstFailureAt ?? now,
    lastFailureAt: now,
    lastErrorCode: code,
    retryAfter: now + Math.min(maxCooldownMs, cooldownMs * 2 ** Math.min(failureCount - 1, 20)),
  };
}

/**
 * Records a transient failure on the connection (count, first failure, last code, cool-down),
 * and marks it `failing` once it has failed for `failingAfterMs`. Best effort: a record that
 * changed meanwhile (a reconnect, a sibling's success) is left alone.
 */
export async function recordFailure(runtime: Runtime, record: ConnectionRecord, error: unknown): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const latest = await runtime.store.get(record.id);
    if (latest === undefined || latest.version !== record.version) return;
    const health = afterFailure(runtime, latest.health, failureCode(error));
    const failing = latest.status === 'active' && health.lastFailureAt - health.firstFailureAt >= runtime.lifecycle.failingAfterMs;
    try {
      await writeRecord(runtime, { ...latest, health, ...(failing ? { status: 'failing' as const } : {}), updatedAt: runtime.now() }, latest.version);
      if (failing) {
        runtime.events.emit({
          type: 'connection.status_changed',
          providerId: latest.providerId,
          connectionId: latest.id,
          ownerId: latest.ownerId,
          from: latest.status,
          to: 'failing',
          reason: health.lastErrorCode,
        });
      }
      return;
    } catch (writeError) {
      if (!(writeError instanceof VersionConflictError)) return;
    }
  }
}

/** A record's fields after a success: health cleared, `failing` back to `active`. */
export function recovered(record: ConnectionRecord): Pick<ConnectionRecord, 'status'> & { health?: undefined } {
  return { status: record.status === 'failing' ? 'active' : record.status };
}

/**
 * A connection cooling down after failures refuses a new token request until `retryAfter`
 * (the request path answers at once instead of hammering a failing endpoint).
 */
export function coolingDown(runtime: Runtime, record: ConnectionRecord): AuthKitError | undefined {
  const retryAfter = record.health?.retryAfter;
  if (retryAfter === undefined || retryAfter <= runtime.now()) return undefined;
  return new AuthKitError('provider_unavailable', `The ${record.providerId} token endpoint is failing; the next attempt waits until the cool-down ends.`, {
    providerId: record.providerId,
    connectionId: record.id,
  });
}
