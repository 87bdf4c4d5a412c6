import type { ConnectionStatus } from './connection';
import type { MaintenanceReport } from './maintenance/report';

/** Events AuthKit emits for the application's logs, metrics and user notifications. */
export type AuthKitEvent =
  | { type: 'connection.created'; providerId: string; connectionId: string; ownerId: string }
  | { type: 'token.refreshed'; providerId: string; connectionId: string; expiresAt?: number; rotated: boolean }
  | { type: 'token.refresh_failed'; providerId: string; connectionId: string; transient: boolean; code: string; attempt: number }
  | { type: 'connection.reauthorization_required'; providerId: string; connectionId: string; ownerId: string; reason: string }
  | { type: 'refresh_token.expiring'; providerId: string; connectionId: string; ownerId: string; expiresAt: number }
  | { type: 'connection.revoked'; providerId: string; connectionId: string; ownerId: string }
  | { type: 'connection.deleted'; providerId: string; connectionId: string; ownerId: string }
  /** A maintenance sweep finished (what it found and did; no connection details). */
  | ({ type: 'maintenance.swept' } & MaintenanceReport)
  /** Every change of a connection's status (the state machine in core's README). */
  | {
      type: 'connection.status_changed';
      providerId: string;
      connectionId: string;
      ownerId: string;
      from: ConnectionStatus;
      to: ConnectionStatus;
      /** Why, as a code: `verified`, `credential_rejected`, `invalid_grant`, … */
      reason: string;
    };

/** The `type` of an {@link AuthKitEvent}. */
export type AuthKitEventType = AuthKitEvent['type'];

/** Every event type, for subscribing to all of them (a log, an activity feed). */
export const AUTHKIT_EVENT_TYPES: readonly AuthKitEventType[] = [
  'connection.created',
  'token.refreshed',
  'token.refresh_failed',
  'connection.reauthorization_required',
  'refresh_token.expiring',
  'connection.revoked',
  'connection.deleted',
  'connection.status_changed',
  'maintenance.swept',
];

/** Listener for one event type. */
export type AuthKitEventListener<T extends AuthKitEventType = AuthKitEventType> = (
  event: Extract<AuthKitEvent, { type: T }>,
) => void;
