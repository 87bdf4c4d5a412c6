import type { AuthKitEvent, AuthKitEventListener, AuthKitEventType } from '../events';

/**
 * `on(type, listener) → unsubscribe`. A throwing listener is isolated: events are
 * notifications, and an application's logging bug must never break a token refresh.
 */
export class EventEmitter {
  readonly #listeners = new Map<AuthKitEventType, Set<(event: AuthKitEvent) => void>>();

  on<T extends AuthKitEventType>(type: T, listener: AuthKitEventListener<T>): () => void {
    let set = this.#listeners.get(type);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    const wrapped = listener as (event: AuthKitEvent) => void;
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  }

  emit(event: AuthKitEvent): void {
    const set = this.#listeners.get(event.type);
    if (set === undefined) return;
    for (const listener of set) {
      try {
        listener(event);
      } catch {
        // Deliberately swallowed: see the class comment.
      }
    }
  }
}
