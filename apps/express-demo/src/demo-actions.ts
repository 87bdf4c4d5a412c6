import type { AuthKit } from '@authkit/core';
import { runDemoAction, type DemoCredentialBank } from '@authkit/demo-kit';
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
    const body = (req.body ?? {}) as Record<string, unknown>;
    const location = await runDemoAction({
      authkit: context.authkit,
      bank: context.bank,
      user: context.getOwner(req),
      action: req.params.action,
      origin: req.get('origin'),
      appOrigin: origin,
      field: (name) => (typeof body[name] === 'string' ? body[name] : undefined),
      onError: (error) => console.error('express-demo: demo action failed', error),
    });
    res.redirect(303, location);
  });
  return router;
}
