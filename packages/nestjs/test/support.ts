import type { INestApplication } from '@nestjs/common';
import { providers, type ProviderDefinition } from '@authkit/core';
import { DEMO_CLIENTS, type Sandbox } from '@authkit/sandbox';
import type { Request } from 'express';

export const COOKIE_SECRET = 'nest-test-cookie-secret-0123456789abcdef';

/** The request owner in tests: the `x-user` header (no header, nobody signed in). */
export function ownerFromHeader(request: Request): string | undefined {
  const user = request.headers['x-user'];
  return typeof user === 'string' ? user : undefined;
}

/** Plannr and Planday pointed at the sandbox. */
export function sandboxProviders(sandbox: Sandbox): ProviderDefinition[] {
  return [
    providers.plannr({ ...DEMO_CLIENTS.plannr, ...sandbox.endpoints.plannr }),
    providers.planday({ clientId: DEMO_CLIENTS.planday.clientId, scopes: ['department:read'], ...sandbox.endpoints.planday }),
  ];
}

/** The app's origin once it listens. */
export async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
}

/** A tiny browser: the user header, a cookie jar (names only), no automatic redirects. */
export function browser(user: string) {
  const cookies = new Map<string, string>();
  return async (url: string): Promise<Response> => {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { 'x-user': user, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (value === '' || /Max-Age=0/.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };
}

/** Lets the auto-approving sandbox answer an authorize redirect; returns where it sends the browser. */
export async function providerAnswer(start: Response): Promise<string> {
  const answer = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  return answer.headers.get('location')!;
}
