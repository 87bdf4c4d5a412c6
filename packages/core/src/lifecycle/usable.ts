import type { ConnectionRecord } from '../connection';

/** Statuses whose credential may still be used (and refreshed). */
const USABLE = new Set<ConnectionRecord['status']>(['active', 'unverified', 'failing']);

/** True when a connection's credential may be used: `active`, `unverified` or `failing`. */
export function isUsable(record: Pick<ConnectionRecord, 'status'>): boolean {
  return USABLE.has(record.status);
}

/** True when AuthKit can get a new access token without the user (client credentials, or a refresh token). */
export function canRenew(record: Pick<ConnectionRecord, 'grant' | 'credential'>): boolean {
  if (record.credential.kind !== 'oauth2') return false;
  return record.grant === 'client_credentials' || record.credential.refreshToken !== undefined;
}
