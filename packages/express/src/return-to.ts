/**
 * Accepts only a same-origin relative path (`/x?y#z`), never an absolute or
 * protocol-relative URL (`//evil.example`, `/\evil.example`, `https:…`), so `returnTo`
 * can never be an open redirect. Returns the normalised path, or undefined if refused.
 */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  // Control characters and backslashes are how browsers get tricked into another origin.
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || char === '\\') return undefined;
  }
  const base = 'http://returnto.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
