// The HTTP conformance suite against @authkit/next-auth: its route handlers served the way
// Next.js serves `app/api/authkit/[...authkit]/route.ts` (a Web Request in, a Response out),
// and guarded routes written the Next way (getAuthKitClient + errorResponse).
import { describeHttpConformance, OWNER_HEADER, type GuardedProvider } from '@authkit/http-conformance';
import { sendWebResponse, toWebRequest } from '@authkit/core/node';
import type { AuthOptions } from 'next-auth';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthKitNext } from '../src/index';

describeHttpConformance('next-auth', async ({ authkit, handlerOptions, guardedCalls }) => {
  // Stands in for Next's request scope, where server code reads the session without a Request.
  const scope = new AsyncLocalStorage<Request>();
  const next = createAuthKitNext(authkit, {
    authOptions: {} as AuthOptions,
    ...handlerOptions,
    getOwnerId: async (request) => (request ?? scope.getStore())?.headers.get(OWNER_HEADER) ?? undefined,
  });
  const guarded = async (providerId: GuardedProvider): Promise<Response> => {
    try {
      const client = await next.getAuthKitClient(providerId);
      const response = await client.fetch(guardedCalls[providerId]);
      return Response.json(await response.json(), { status: response.status });
    } catch (error) {
      return next.errorResponse(error);
    }
  };
  const server = createServer((req, res) => {
    const request = toWebRequest(req, { origin: `http://${req.headers.host}` });
    const path = new URL(request.url).pathname;
    const provider = /^\/guarded\/([^/]+)$/.exec(path)?.[1] as GuardedProvider | undefined;
    const route = provider !== undefined ? () => guarded(provider) : () => next.handlers[request.method === 'POST' ? 'POST' : 'GET'](request);
    void scope.run(request, route).then((response) => sendWebResponse(response, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    basePath: next.handler().basePath,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
