import type { AuthOptions } from 'next-auth';
import { getToken } from 'next-auth/jwt';

/** Cookies as Next.js hands them out (`cookies()`), a `Map`, or a plain name → value object. */
export type CookieSource =
  | { getAll(): { name: string; value: string }[] }
  | ReadonlyMap<string, string>
  | Readonly<Record<string, string>>;

const silent = { error: () => undefined, warn: () => undefined, debug: () => undefined };

/** Decrypted owners by exact session-cookie value, per next-auth configuration. */
const owners = new WeakMap<AuthOptions, Map<string, { ownerId: string; until: number }>>();
const CACHE_ENTRIES = 1000;
/** A cached owner is trusted this long at most, and never past the JWT's own `exp`. */
const CACHE_TTL_MS = 60_000;

function cookieEntries(cookies: CookieSource): [string, string][] {
  if ('getAll' in cookies && typeof cookies.getAll === 'function') return cookies.getAll().map(({ name, value }) => [name, value]);
  if (cookies instanceof Map) return [...cookies.entries()];
  return Object.entries(cookies as Readonly<Record<string, string>>);
}

/** The session cookie's value, chunks (`name.0`, `name.1`, …) joined in order, as next-auth reads it. */
function sessionCookieValue(cookies: CookieSource, name: string): string | undefined {
  const parts = cookieEntries(cookies)
    .filter(([cookie]) => cookie === name || cookie.startsWith(`${name}.`))
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  return parts.length === 0 ? undefined : parts.map(([, value]) => value).join('');
}

/** The secret next-auth encrypts its session JWT with, found where next-auth looks for it. */
export function nextAuthSecretOf(authOptions: AuthOptions): string | undefined {
  const secret = authOptions.jwt?.secret ?? authOptions.secret ?? process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  return secret === '' ? undefined : secret;
}

/**
 * The AuthKit owner (the JWT's `sub`) from the session cookie, decrypted with the same secret,
 * cookie name and `jwt.decode` next-auth uses. Unlike `getServerSession` it runs no callbacks
 * and re-encrypts nothing — a server component cannot set the refreshed cookie anyway. A
 * decrypted owner is remembered for the exact cookie value (bounded, at most a minute and
 * never past the token's `exp`), so a busy route does not pay for key derivation and
 * decryption on every request. Cookie only: an `Authorization` header is not a session.
 */
export async function ownerIdFromCookies(authOptions: AuthOptions, cookies: CookieSource): Promise<string | undefined> {
  const secureCookie = authOptions.useSecureCookies ?? (process.env.NEXTAUTH_URL?.startsWith('https://') || Boolean(process.env.VERCEL));
  const secret = nextAuthSecretOf(authOptions);
  const cookieName = authOptions.cookies?.sessionToken?.name;
  const name = cookieName ?? `${secureCookie ? '__Secure-' : ''}next-auth.session-token`;
  const raw = sessionCookieValue(cookies, name);
  if (raw === undefined) return undefined;

  let cache = owners.get(authOptions);
  const hit = cache?.get(raw);
  if (hit !== undefined && hit.until > Date.now()) return hit.ownerId;

  const token = await getToken({
    // getToken reads `cookies` (getAll(), Map or object) and `headers`; no headers keeps it cookie-only.
    req: { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'],
    secureCookie,
    ...(cookieName ? { cookieName } : {}),
    ...(authOptions.jwt?.decode ? { decode: authOptions.jwt.decode } : {}),
    ...(secret ? { secret } : {}),
    logger: silent,
  });
  const ownerId = typeof token?.sub === 'string' && token.sub ? token.sub : undefined;
  if (ownerId === undefined) return undefined;

  const expiresAt = typeof token?.exp === 'number' ? token.exp * 1000 : Number.POSITIVE_INFINITY;
  if (cache === undefined) {
    cache = new Map();
    owners.set(authOptions, cache);
  }
  // Oldest first in insertion order: drop it to stay bounded.
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(raw, { ownerId, until: Math.min(expiresAt, Date.now() + CACHE_TTL_MS) });
  return ownerId;
}
