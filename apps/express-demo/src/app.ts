import type { AuthKit } from '@authkit/core';
import { createAuthKitExpress } from '@authkit/express';
import express from 'express';
import { DemoSession, type DemoCredentialBank, type EventLog } from '@authkit/demo-kit';
import { apiRoutes } from './api-routes';
import { BASE_PATH } from './constants';
import { demoActions } from './demo-actions';
import { htmlErrors } from './html-errors';
import { pageRoutes } from './page-routes';
import { favicon } from './favicon';

export interface DemoAppOptions {
  authkit: AuthKit;
  appUrl: string;
  /** Signs the demo login cookie and the AuthKit state cookie (>= 32 characters). */
  secret: string;
  sandboxUrl: string;
  bank: DemoCredentialBank;
  events: EventLog;
}

/**
 * The demo as an Express app (no listening: start.ts and tests do that). AuthKit's router
 * serves every connect, reconnect and disconnect route; the app adds its pages, the demo
 * buttons, JSON routes behind `requireConnection`, and error handlers.
 */
export function createDemoApp(options: DemoAppOptions): express.Express {
  const session = new DemoSession({ cookie: 'demo_user', secret: options.secret, secure: options.appUrl.startsWith('https:') });
  const getOwner = (req: express.Request): string | undefined => session.user(req);
  const ak = createAuthKitExpress({ authkit: options.authkit, getOwner, appUrl: options.appUrl, basePath: BASE_PATH, cookieSecret: options.secret });
  const context = { ...options, session, getOwner, basePath: ak.basePath };

  const app = express();
  app.disable('x-powered-by');
  app.get(['/favicon.svg', '/favicon.ico'], favicon);
  // The surface reads its own bodies: mounted before the demo's form parser.
  app.use(ak.router);
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  app.use(pageRoutes(context));
  app.use(demoActions(context));
  app.use('/api', apiRoutes(ak));
  // JSON routes get core's JSON errors; pages an HTML page in the same words.
  app.use('/api', ak.errorHandler);
  app.use(htmlErrors(ak.handler));
  return app;
}
