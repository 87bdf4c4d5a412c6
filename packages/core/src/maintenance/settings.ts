/** Options of the maintenance that runs between requests (see `AuthKitOptions.maintenance`). */
export interface MaintenanceOptions {
  /**
   * Refresh this long before a known refresh-token expiry (Plannr: 6 months), so a connection
   * nobody uses does not lapse. Default 14 days.
   */
  refreshTokenLeadMs?: number;
  /**
   * Keep access tokens warm (refreshed before they expire) so request paths never wait on a
   * token endpoint: `true` for every provider, or the provider ids. Default none.
   */
  warmAccessTokens?: boolean | readonly string[];
  /** How long before expiry a warm token is refreshed. Default twice `refreshSkewMs`. */
  warmLeadMs?: number;
  /** Ask the provider's verify call about each static credential this often. Default 24 hours. */
  verifyEveryMs?: number;
  /** Connections handled at the same time by one sweep. Default 4. */
  concurrency?: number;
  /** Connections one sweep takes at most (the rest wait for the next). Default 500. */
  batchSize?: number;
  /**
   * With OpenTelemetry present, a sweep counts connections by status (`authkit.connections`)
   * at most this often — a full listing of the store, so not on every sweep. Default 15
   * minutes; 0 never.
   */
  countStatusesEveryMs?: number;
}

/** Options of connection health (transient failures recorded on the connection). */
export interface HealthOptions {
  /** First cool-down after a transient failure; doubles per failure. Default 5 s. */
  cooldownMs?: number;
  /** Longest cool-down. Default 5 minutes. */
  maxCooldownMs?: number;
  /** Failing this long without a success → status `failing` and an event. Default 1 hour. */
  failingAfterMs?: number;
}

/** Maintenance and health settings with their defaults applied. */
export interface LifecycleSettings {
  readonly refreshTokenLeadMs: number;
  readonly warm: (providerId: string) => boolean;
  readonly warmLeadMs: number;
  readonly verifyEveryMs: number;
  readonly concurrency: number;
  readonly batchSize: number;
  readonly countStatusesEveryMs: number;
  readonly cooldownMs: number;
  readonly maxCooldownMs: number;
  readonly failingAfterMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Applies the defaults. */
export function lifecycleSettings(maintenance: MaintenanceOptions = {}, health: HealthOptions = {}, refreshSkewMs: number): LifecycleSettings {
  const warm = maintenance.warmAccessTokens;
  return {
    refreshTokenLeadMs: maintenance.refreshTokenLeadMs ?? 14 * DAY,
    warm: warm === true ? () => true : Array.isArray(warm) ? (id) => warm.includes(id) : () => false,
    warmLeadMs: maintenance.warmLeadMs ?? 2 * refreshSkewMs,
    verifyEveryMs: maintenance.verifyEveryMs ?? DAY,
    concurrency: Math.max(1, maintenance.concurrency ?? 4),
    batchSize: Math.max(1, maintenance.batchSize ?? 500),
    countStatusesEveryMs: maintenance.countStatusesEveryMs ?? 15 * MINUTE,
    cooldownMs: health.cooldownMs ?? 5_000,
    maxCooldownMs: health.maxCooldownMs ?? 5 * MINUTE,
    failingAfterMs: health.failingAfterMs ?? HOUR,
  };
}
