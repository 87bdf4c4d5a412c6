import type { ConnectionStatus, ConnectionView } from '@authkit/core';

/** How a connection was made, in words (not `oauth2`: three different grants share that kind). */
export function methodLabel(connection: Pick<ConnectionView, 'grant' | 'credentialKind'>): string {
  switch (connection.grant) {
    case 'authorization_code':
      return 'OAuth';
    case 'refresh_token_bootstrap':
      return 'pasted portal refresh token';
    case 'client_credentials':
      return 'client credentials';
    case 'static':
      return connection.credentialKind === 'api_token' ? 'API token' : connection.credentialKind === 'api_key' ? 'API key' : 'personal access token';
  }
}

/** A status in words, and how it should look. */
export interface StatusWords {
  text: string;
  tone: 'ok' | 'warn' | 'bad';
}

const STATUS: Record<ConnectionStatus, StatusWords> = {
  active: { text: 'active', tone: 'ok' },
  unverified: { text: 'unverified (not used yet)', tone: 'warn' },
  failing: { text: 'failing (provider errors)', tone: 'warn' },
  reauthorization_required: { text: 'reauthorization required', tone: 'bad' },
  invalid_credential: { text: 'credential refused', tone: 'bad' },
  revoked: { text: 'revoked', tone: 'bad' },
};

export function statusWords(status: ConnectionStatus): StatusWords {
  return STATUS[status];
}

/** Statuses the user must act on: the card offers to reconnect in place. */
export function needsReconnect(status: ConnectionStatus): boolean {
  return status === 'reauthorization_required' || status === 'invalid_credential' || status === 'revoked';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "in 59 min", "in 3 h", "in 180 days", "2 days ago": how far a time is from now. */
export function relativeTime(at: number, now: number): string {
  const delta = at - now;
  const size = Math.abs(delta);
  const amount =
    size < MINUTE ? 'less than a minute' : size < HOUR ? `${Math.round(size / MINUTE)} min` : size < 2 * DAY ? `${Math.round(size / HOUR)} h` : `${Math.round(size / DAY)} days`;
  return delta >= 0 ? `in ${amount}` : `${amount} ago`;
}

/** A time as people read it in a demo: UTC, to the minute. */
export function shortDate(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
