// The HTTP conformance suite against @authkit/express, served by a real Express app: once
// with no body parser (the router parses its own), once behind the app's express.json() and
// express.urlencoded() (a parser upstream must change nothing, and leak nothing).
import { describeHttpConformance, OWNER_HEADER, type BootAdapter, type GuardedProvider } from '@authkit/http-conformance';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createAuthKitExpress } from '../src/index';

function bootExpress(withBodyParsers: boolean): BootAdapter {
  return async ({ authkit, handlerOptions, guardedCalls }) => {
    const app = express();
    if (withBodyParsers) app.use(express.json(), express.urlencoded({ extended: false }));
    const ak = createAuthKitExpress({ authkit, getOwner: (req) => req.get(OWNER_HEADER), ...handlerOptions });
    app.use(ak.router);
    for (const providerId of Object.keys(guardedCalls) as GuardedProvider[]) {
      app.get(`/guarded/${providerId}`, ak.requireConnection(providerId), async (req, res) => {
        const response = await req.authkit.client(providerId).fetch(guardedCalls[providerId]);
        res.status(response.status).json(await response.json());
      });
    }
    app.use(ak.errorHandler);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      basePath: ak.basePath,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  };
}

describeHttpConformance('express', bootExpress(false));
describeHttpConformance('express behind express.json()', bootExpress(true));
