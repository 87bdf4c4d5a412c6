// What is Next's own: the owner from the next-auth session cookie, and nothing read before
// the first request (so `next build` needs no secrets or provider settings).
import { createAuthKit, providers, secret } from '@authkit/core';
import type { AuthOptions } from 'next-auth';
import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { createAuthKitNext } from '../src/index';

const SECRET = 'next-auth-secret-for-tests-0123456789abcdef';
const authOptions: AuthOptions = { providers: [], secret: SECRET };

describe('createAuthKitNext', () => {
  it('the owner is the next-auth session\'s user, read from the session cookie', async () => {
    const authkit = createAuthKit({ providers: [providers.plannr({ baseUrl: 'https://api.plannr.test' })] });
    await authkit.store.put(
      {
        id: 'plannr:plannr%3Aada',
        providerId: 'plannr',
        ownerId: 'plannr:ada',
        status: 'active',
        version: 0,
        grant: 'static',
        credential: { kind: 'personal_access_token', token: secret('t') },
        metadata: {},
        createdAt: 1,
        updatedAt: 1,
      },
      0,
    );
    const { handlers } = createAuthKitNext(authkit, { authOptions });
    const token = await encode({ token: { sub: 'plannr:ada' }, secret: SECRET });
    const listed = await handlers.GET(new Request('http://app.test/api/authkit', { headers: { cookie: `next-auth.session-token=${token}` } }));
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { connections: { ownerId: string }[] }).connections.map((c) => c.ownerId)).toEqual(['plannr:ada']);
    const anonymous = await handlers.GET(new Request('http://app.test/api/authkit'));
    expect(anonymous.status).toBe(401);
    const forged = await handlers.GET(new Request('http://app.test/api/authkit', { headers: { cookie: 'next-auth.session-token=forged' } }));
    expect(forged.status).toBe(401);
  });

  it('builds nothing at import: the AuthKit factory and the secret are read on the first request', async () => {
    let built = 0;
    const { handlers } = createAuthKitNext(
      () => {
        built += 1;
        return createAuthKit({ providers: [] });
      },
      { authOptions: { providers: [] } },
    );
    expect(built).toBe(0);
    const previous = process.env.NEXTAUTH_SECRET;
    process.env.NEXTAUTH_SECRET = SECRET;
    try {
      expect((await handlers.GET(new Request('http://app.test/api/authkit'))).status).toBe(401);
      await handlers.GET(new Request('http://app.test/api/authkit'));
      expect(built).toBe(1);
    } finally {
      if (previous === undefined) delete process.env.NEXTAUTH_SECRET;
      else process.env.NEXTAUTH_SECRET = previous;
    }
  });

  it("derives the state-cookie key from next-auth's secret (jwt.secret first, as next-auth reads it), and refuses one too short to sign with", async () => {
    const short = createAuthKitNext(createAuthKit({ providers: [] }), { authOptions: { providers: [], secret: 'only-20-characters!!' } });
    await expect(short.handlers.GET(new Request('http://app.test/api/authkit'))).rejects.toMatchObject({
      code: 'configuration_error',
      message: expect.stringContaining('shorter than 32 characters'),
    });
    const viaJwt = createAuthKitNext(createAuthKit({ providers: [] }), { authOptions: { providers: [], jwt: { secret: SECRET } } });
    expect((await viaJwt.handlers.GET(new Request('http://app.test/api/authkit'))).status).toBe(401);
  });
});
