import type { AuthOptions } from 'next-auth';
import { decode, encode, type JWTDecodeParams } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { ownerIdFromCookies } from '../src/index';

const SECRET = 'session-token-test-secret-0123456789abcdef';
const COOKIE = 'next-auth.session-token';

/** next-auth options whose decode counts real decryptions (and may rewrite the token). */
function countingOptions(rewrite: (token: Record<string, unknown>) => Record<string, unknown> = (t) => t) {
  const counter = { decryptions: 0 };
  const options: AuthOptions = {
    secret: SECRET,
    providers: [],
    useSecureCookies: false,
    jwt: {
      async decode(params: JWTDecodeParams) {
        counter.decryptions++;
        const token = await decode(params);
        return token === null ? null : rewrite(token);
      },
    },
  };
  return { options, counter };
}

describe('ownerIdFromCookies', () => {
  it('decrypts a session cookie once, then answers from the bounded cache', async () => {
    const { options, counter } = countingOptions();
    const cookie = await encode({ secret: SECRET, token: { sub: 'owner-1' } });
    expect(await ownerIdFromCookies(options, { [COOKIE]: cookie })).toBe('owner-1');
    expect(await ownerIdFromCookies(options, new Map([[COOKIE, cookie]]))).toBe('owner-1');
    expect(counter.decryptions).toBe(1);

    const other = await encode({ secret: SECRET, token: { sub: 'owner-2' } });
    expect(await ownerIdFromCookies(options, { [COOKIE]: other })).toBe('owner-2');
    expect(counter.decryptions).toBe(2);
  });

  it('never serves a cached owner past the token expiry', async () => {
    const { options, counter } = countingOptions((token) => ({ ...token, exp: Math.floor(Date.now() / 1000) - 1 }));
    const cookie = await encode({ secret: SECRET, token: { sub: 'owner-3' } });
    await ownerIdFromCookies(options, { [COOKIE]: cookie });
    await ownerIdFromCookies(options, { [COOKIE]: cookie });
    expect(counter.decryptions).toBe(2);
  });

  it('reads chunked session cookies and ignores tampered or missing ones', async () => {
    const { options } = countingOptions();
    const cookie = await encode({ secret: SECRET, token: { sub: 'owner-4' } });
    const half = Math.floor(cookie.length / 2);
    expect(await ownerIdFromCookies(options, { [`${COOKIE}.1`]: cookie.slice(half), [`${COOKIE}.0`]: cookie.slice(0, half) })).toBe('owner-4');
    expect(await ownerIdFromCookies(options, { [COOKIE]: `${cookie.slice(0, -4)}AAAA` })).toBeUndefined();
    expect(await ownerIdFromCookies(options, { other: cookie })).toBeUndefined();
  });
});
