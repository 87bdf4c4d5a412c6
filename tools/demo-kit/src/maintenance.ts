import type { MaintenanceOptions } from '@authkit/core';

/**
 * What the demos keep alive between visits: every OAuth access token warm (renewed before it
 * expires, so no page waits on a token endpoint), refresh tokens renewed ahead of their expiry
 * and static credentials re-verified daily (core's defaults).
 */
export const DEMO_MAINTENANCE: MaintenanceOptions = { warmAccessTokens: true };

const MINUTE = 60_000;

/** How often the demos sweep: `AUTHKIT_MAINTENANCE_INTERVAL_MS` (the browser suite's is short), else every minute. */
export function maintenanceIntervalMs(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.AUTHKIT_MAINTENANCE_INTERVAL_MS);
  return Number.isInteger(value) && value > 0 ? value : MINUTE;
}
