// Compile-time checks of the public types (tsc runs over test/ in `typecheck`); the runtime
// part only keeps vitest from reporting an empty file.
import { createAuthKit, type AuthKitClient, type ConnectHandler, type ConnectionView } from '@authkit/core';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import { describe, expectTypeOf, it } from 'vitest';
import { createAuthKitExpress, type AuthKitRequestContext } from '../src/index';

describe('public types', () => {
  it('puts a typed AuthKit context on Express requests', () => {
    const app = express();
    const ak = createAuthKitExpress({ authkit: createAuthKit({ providers: [] }), getOwner: () => 'u', cookieSecret: 'c'.repeat(32) });
    app.get('/x', ak.requireConnection('planday'), (req, res) => {
      expectTypeOf(req.authkit).toEqualTypeOf<AuthKitRequestContext>();
      expectTypeOf(req.authkit.client('planday')).toEqualTypeOf<AuthKitClient>();
      expectTypeOf(req.authkit.client('planday').fetch).parameters.toEqualTypeOf<[input: string | URL | Request, init?: RequestInit]>();
      expectTypeOf(req.authkit.connections['planday']).toEqualTypeOf<ConnectionView | undefined>();
      res.end();
    });
    expectTypeOf(ak.requireConnection).returns.toEqualTypeOf<RequestHandler>();
    expectTypeOf(ak.errorHandler).toEqualTypeOf<ErrorRequestHandler>();
    expectTypeOf(ak.router).toEqualTypeOf<Router>();
    expectTypeOf(ak.handler).toEqualTypeOf<ConnectHandler>();
  });
});
