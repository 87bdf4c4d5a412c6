/**
 * Keeps `returnTo` to same-origin paths (`/dashboard?x=1`), so the callback can never be
 * turned into an open redirect. Anything else becomes undefined.
 */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2048) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\\]/.test(value)) return undefined;
  return value;
}
