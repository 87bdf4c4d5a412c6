import type { AuthOptions } from 'next-auth';
import { getToken } from 'next-auth/jwt';

/** Cookies as Next.js hands them out (`cookies()`), a `Map`, or a plain name → value object. */
export type CookieSource =
  | { getAll(): { name: string; value: string }[] }
  | ReadonlyMap<string, string>
  | Readonly<Record<string, string>>;

const silent = { error: () => undefined, warn: () => undefined, debug: () => undefined };

/**
 * The AuthKit owner (the JWT's `sub`) from the session cookie, decrypted with the same secret,
 * cookie name and `jwt.decode` next-auth uses. Unlike `getServerSession` it runs no callbacks
 * and re-encrypts nothing — a server component cannot set the refreshed cookie anyway — so a
 * request that only needs "who is this" pays for one decryption. Cookie only: an
 * `Authorization` header is not accepted as a session.
 */
export async function ownerIdFromCookies(authOptions: AuthOptions, cookies: CookieSource): Promise<string | undefined> {
  const secureCookie = authOptions.useSecureCookies ?? (process.env.NEXTAUTH_URL?.startsWith('https://') || Boolean(process.env.VERCEL));
  const secret = authOptions.jwt?.secret ?? authOptions.secret ?? process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  const cookieName = authOptions.cookies?.sessionToken?.name;
  const token = await getToken({
    // getToken reads `cookies` (getAll(), Map or object) and `headers`; no headers keeps it cookie-only.
    req: { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'],
    secureCookie,
    ...(cookieName ? { cookieName } : {}),
    ...(authOptions.jwt?.decode ? { decode: authOptions.jwt.decode } : {}),
    ...(secret ? { secret } : {}),
    logger: silent,
  });
  return typeof token?.sub === 'string' && token.sub ? token.sub : undefined;
}
