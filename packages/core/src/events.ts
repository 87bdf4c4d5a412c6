/** Events AuthKit emits for the application's logs, metrics and user notifications. */
export type AuthKitEvent =
  | { type: 'connection.created'; providerId: string; connectionId: string; ownerId: string }
  | { type: 'token.refreshed'; providerId: string; connectionId: string; expiresAt?: number; rotated: boolean }
  | { type: 'token.refresh_failed'; providerId: string; connectionId: string; transient: boolean; code: string; attempt: number }
  | { type: 'connection.reauthorization_required'; providerId: string; connectionId: string; ownerId: string; reason: string }
  | { type: 'refresh_token.expiring'; providerId: string; connectionId: string; ownerId: string; expiresAt: number }
  | { type: 'connection.revoked'; providerId: string; connectionId: string; ownerId: string }
  | { type: 'connection.deleted'; providerId: string; connectionId: string; ownerId: string };

/** The `type` of an {@link AuthKitEvent}. */
export type AuthKitEventType = AuthKitEvent['type'];

/** Listener for one event type. */
export type AuthKitEventListener<T extends AuthKitEventType = AuthKitEventType> = (
  event: Extract<AuthKitEvent, { type: T }>,
) => void;
