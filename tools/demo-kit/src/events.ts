import { AUTHKIT_EVENT_TYPES, type AuthKit, type AuthKitEvent } from '@authkit/core';
import { shortDate, statusWords } from './words';

/** One line of a connection's recent history. */
export interface EventEntry {
  /** When the demo received it (epoch ms). */
  at: number;
  text: string;
}

/** The event in words. Events carry codes and times, never a secret, and so do these lines. */
export function describeEvent(event: AuthKitEvent): string {
  switch (event.type) {
    case 'connection.created':
      return 'connected';
    case 'token.refreshed':
      return event.rotated ? 'access token refreshed (new refresh token)' : 'access token refreshed';
    case 'token.refresh_failed':
      return event.transient ? `refresh failed, will retry (${event.code})` : `refresh refused (${event.code})`;
    case 'connection.reauthorization_required':
      return `reauthorization required (${event.reason})`;
    case 'refresh_token.expiring':
      return `refresh token expires ${shortDate(event.expiresAt)}`;
    case 'connection.revoked':
      return 'revoked at the provider';
    case 'connection.deleted':
      return 'disconnected';
    case 'connection.status_changed':
      return `status: ${statusWords(event.from).text} → ${statusWords(event.to).text} (${event.reason})`;
    default:
      return event.type;
  }
}

/**
 * The last few lifecycle events of each connection, in memory: the demo subscribes to every
 * event type AuthKit emits and keeps what concerns a connection.
 */
export class EventLog {
  readonly #entries = new Map<string, EventEntry[]>();

  constructor(
    private readonly perConnection = 5,
    private readonly now: () => number = Date.now,
  ) {}

  /** Subscribes to every event type; returns the unsubscribe function. */
  attach(authkit: Pick<AuthKit, 'on'>): () => void {
    const stops = AUTHKIT_EVENT_TYPES.map((type) => authkit.on(type, (event) => this.record(event)));
    return () => stops.forEach((stop) => stop());
  }

  record(event: AuthKitEvent): void {
    if (!('connectionId' in event) || typeof event.connectionId !== 'string') return;
    const entries = this.#entries.get(event.connectionId) ?? [];
    entries.unshift({ at: this.now(), text: describeEvent(event) });
    entries.length = Math.min(entries.length, this.perConnection);
    this.#entries.set(event.connectionId, entries);
  }

  /** Newest first. */
  recent(connectionId: string): readonly EventEntry[] {
    return this.#entries.get(connectionId) ?? [];
  }
}
