import type { AuthKit } from '@authkit/core';
import { USER_NAME_RULE, buildDashboard, dashboardPage, loginPage, validUserName, type DemoCredentialBank, type DemoSession, type EventLog } from '@authkit/demo-kit';
import express, { type Router } from 'express';
import { TITLE } from './constants';

export interface PageContext {
  authkit: AuthKit;
  session: DemoSession;
  getOwner(req: express.Request): string | undefined;
  basePath: string;
  sandboxUrl: string;
  bank: DemoCredentialBank;
  events: EventLog;
}

/** Sign in, sign out, and the dashboard (which also shows "Call API" results: `?call=<connection>`). */
export function pageRoutes(context: PageContext): Router {
  const router = express.Router();

  router.get('/', async (req, res) => {
    const user = context.getOwner(req);
    res.set('Cache-Control', 'no-store').type('html');
    if (user === undefined) {
      res.send(loginPage(TITLE));
      return;
    }
    const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '');
    const view = await buildDashboard({ ...context, title: TITLE, user, query });
    res.send(dashboardPage(view));
  });

  router.post('/login', (req, res) => {
    const user = validUserName((req.body as Record<string, unknown> | undefined)?.user);
    if (user === undefined) {
      res.status(400).type('html').send(loginPage(TITLE, USER_NAME_RULE));
      return;
    }
    context.session.signIn(res, user);
    res.redirect(303, '/');
  });

  router.post('/logout', (_req, res) => {
    context.session.signOut(res);
    res.redirect(303, '/');
  });
  return router;
}
