// The sign-in name rule, with no Node built-ins: Next's client-side sign-in form imports it too.

/**
 * The sign-in name rule, as an HTML `pattern`. Browsers compile `pattern` with the `v` flag,
 * where `-` inside a class must be escaped (unescaped, Chromium drops the pattern with
 * "Invalid character in character class" and then accepts anything); the server applies the
 * very same expression with the same flag, so "Bob Smith" passes both or neither.
 */
export const USER_NAME_PATTERN = String.raw`[A-Za-z0-9 _.@\-]{1,64}`;

/** The rule in words, for the field's title and the error. */
export const USER_NAME_RULE = 'Use 1–64 letters, digits, spaces, "_", ".", "@" or "-".';

const USER_NAME = new RegExp(`^(?:${USER_NAME_PATTERN})$`, 'v');

/** A demo user name (trimmed), or undefined when it breaks {@link USER_NAME_PATTERN}. */
export function validUserName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim();
  return name !== '' && USER_NAME.test(name) ? name : undefined;
}
