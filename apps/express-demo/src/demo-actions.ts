import type { AuthKit } from '@authkit/core';
import { isDemoAction, runDemoAction, type DemoCredentialBank } from '@authkit/demo-kit';
import express, { type Router } from 'express';

export interface ActionContext {
  authkit: AuthKit;
  appUrl: string;
  getOwner(req: express.Request): string | undefined;
  bank: DemoCredentialBank;
}

/**
 * The demo's buttons beside the surface: POST /demo/refresh, /demo/verify, /demo/mint. Like
 * the surface's own forms they must come from this app's pages (Origin), and answer 303.
 */
export function demoActions(context: ActionContext): Router {
  const router = express.Router();
  const origin = new URL(context.appUrl).origin;
  router.post('/demo/:action', async (req, res) => {
    const user = context.getOwner(req);
    const action = req.params.action;
    if (user === undefined || !isDemoAction(action) || req.get('origin') !== origin) {
      res.redirect(303, '/');
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const location = await runDemoAction({
      authkit: context.authkit,
      bank: context.bank,
      user,
      action,
      field: (name) => (typeof body[name] === 'string' ? body[name] : undefined),
      onError: (error) => console.error('express-demo: demo action failed', error),
    });
    res.redirect(303, location);
  });
  return router;
}
