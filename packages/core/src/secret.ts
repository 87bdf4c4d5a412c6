const REDACTED = '[redacted]';

/**
 * A secret string (access token, refresh token, API key, client secret…).
 *
 * Why a class and not a string: a secret must never reach a log line, an error message or
 * `JSON.stringify` by accident. `Secret` prints as `[redacted]` everywhere; only an explicit
 * `reveal()` gives the value, which makes every use of it greppable.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret value. Call only where it is sent to its provider or sealed for storage. */
  reveal(): string {
    return this.#value;
  }

  /** Constant-time-ish equality without revealing either value to the caller. */
  equals(other: Secret | undefined): boolean {
    if (!other) return false;
    const a = this.#value;
    const b = other.reveal();
    if (a.length !== b.length) return false;
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
    return diff === 0;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Secret(${REDACTED})`;
  }
}

/** Wraps a string as a {@link Secret}; passes an existing `Secret` through. */
export function secret(value: string | Secret): Secret {
  return value instanceof Secret ? value : new Secret(value);
}
