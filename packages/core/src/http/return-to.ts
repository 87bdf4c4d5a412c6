const BASE = 'https://return-to.invalid';
const MAX_LENGTH = 2048;
// Control characters (browsers strip tab, CR and LF from URLs, turning `/\t/x` into `//x`),
// DEL and backslashes (which browsers read as slashes) are refused outright.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u001F\u007F\\]/;

function leavesOrigin(path: string): boolean {
  return !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\');
}

/**
 * Accepts only a same-origin path and returns the exact value to redirect to, or undefined.
 *
 * The verdict is reached on the final, normalised value — the one that goes into `Location` —
 * not on the input: `/.//evil.example`, `/%2e//x` and `/a/..//x` all normalise to
 * `//…`, which a browser reads as another host. Percent-encoded slashes and backslashes are
 * judged decoded as well, since some servers and proxies decode before redirecting.
 */
export function safeReturnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return undefined;
  if (UNSAFE_CHARACTERS.test(value) || leavesOrigin(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE) return undefined;
  const result = `${url.pathname}${url.search}${url.hash}`;
  if (leavesOrigin(result) || result.length > MAX_LENGTH) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (leavesOrigin(decoded) || UNSAFE_CHARACTERS.test(decoded)) return undefined;
  // Idempotent: the value redirected to, parsed again, stays on this origin at this path.
  const again = new URL(result, BASE);
  if (again.origin !== BASE || `${again.pathname}${again.search}${again.hash}` !== result) return undefined;
  return result;
}

/** `returnTo` with query parameters added, judged again as a whole. */
export function withParameters(returnTo: string, parameters: Readonly<Record<string, string>>): string | undefined {
  const url = new URL(returnTo, BASE);
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  return safeReturnTo(`${url.pathname}${url.search}${url.hash}`);
}
