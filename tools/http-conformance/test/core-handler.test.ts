// The suite against core's handler alone, served by node:http through @authkit/core/node:
// the reference every adapter must match.
import { AuthKitError, createConnectHandler, httpErrorResponse } from '@authkit/core';
import { sendWebResponse, toWebRequest } from '@authkit/core/node';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeHttpConformance, OWNER_HEADER } from '../src/index';

describeHttpConformance('core handler (node:http)', async ({ authkit, handlerOptions, guardedCalls }) => {
  const handler = createConnectHandler(authkit, handlerOptions);
  const server = createServer((req, res) => {
    void (async () => {
      const origin = `http://${req.headers.host}`;
      const owner = req.headers[OWNER_HEADER];
      const ownerId = typeof owner === 'string' ? owner : undefined;
      const url = new URL(req.url ?? '/', origin);
      const guarded = /^\/guarded\/([^/]+)$/.exec(url.pathname);
      if (guarded !== null) {
        const providerId = decodeURIComponent(guarded[1]!) as keyof typeof guardedCalls;
        try {
          if (ownerId === undefined) throw new AuthKitError('owner_required', 'No owner.', { providerId });
          const connection = await authkit.requireConnection({ providerId, ownerId });
          const response = await authkit.client(providerId, connection.id).fetch(guardedCalls[providerId]);
          await sendWebResponse(new Response(await response.text(), { status: response.status, headers: { 'content-type': 'application/json' } }), res);
        } catch (error) {
          await sendWebResponse(httpErrorResponse(handler.toHttpError(error)!), res);
        }
        return;
      }
      await sendWebResponse(await handler(toWebRequest(req, { origin }), { ownerId }), res);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    basePath: handler.basePath,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
