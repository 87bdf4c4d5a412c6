// Compile-time checks of the public types (tsc runs over test/ in `typecheck`); the runtime
// part only keeps vitest from reporting an empty file.
import { createAuthKit, type AuthKitClient, type ConnectionView } from '@authkit/core';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import { describe, expectTypeOf, it } from 'vitest';
import { authkitErrorHandler, createAuthKitExpress, createAuthKitRouter, requireConnection, type AuthKitRequestContext } from '../src/index';

describe('public types', () => {
  it('puts a typed AuthKit context on Express requests', () => {
    const app = express();
    const authkit = createAuthKit({ providers: [] });
    app.get('/x', requireConnection('planday', { authkit, getOwner: () => 'u' }), (req, res) => {
      expectTypeOf(req.authkit).toEqualTypeOf<AuthKitRequestContext>();
      expectTypeOf(req.authkit.client('planday')).toEqualTypeOf<AuthKitClient>();
      expectTypeOf(req.authkit.client('planday').fetch).parameters.toEqualTypeOf<[input: string | URL | Request, init?: RequestInit]>();
      expectTypeOf(req.authkit.connections['planday']).toEqualTypeOf<ConnectionView | undefined>();
      res.end();
    });
    expectTypeOf(requireConnection).returns.toEqualTypeOf<RequestHandler>();
    expectTypeOf(authkitErrorHandler).returns.toEqualTypeOf<ErrorRequestHandler>();
    expectTypeOf(createAuthKitRouter).returns.toEqualTypeOf<Router>();
    expectTypeOf(createAuthKitExpress).returns.toHaveProperty('requireConnection');
  });
});
