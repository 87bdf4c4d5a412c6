import type { ConnectionRecord } from '../connection';

/** Statuses whose credential may still be used (and refreshed). */
const USABLE = new Set<ConnectionRecord['status']>(['active', 'unverified', 'failing']);

/** True when a connection's credential may be used: `active`, `unverified` or `failing`. */
export function isUsable(record: Pick<ConnectionRecord, 'status'>): boolean {
  return USABLE.has(record.status);
}
