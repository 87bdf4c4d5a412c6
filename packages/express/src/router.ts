import type { ConnectHandler } from '@authkit/core';
import { sendWebResponse, toWebRequest } from '@authkit/core/node';
import express, { type Router } from 'express';
import type { GetOwner } from './types';

/**
 * The connect surface as an Express router: every request under `basePath` goes through
 * core's handler, which parses its own body (the app's body parser is not needed, and a
 * parser that ran earlier is accounted for) and answers every error itself, so nothing
 * reaches Express's default handler.
 */
export function createRouter(handler: ConnectHandler, getOwner: GetOwner): Router {
  const router = express.Router();
  router.use(handler.basePath || '/', async (req, res) => {
    let response: Response;
    try {
      if (req.baseUrl !== handler.basePath) {
        throw new Error(`@authkit/express: mount the router with app.use(router) (it serves ${handler.basePath}), or set basePath to its full path`);
      }
      // On appUrl's origin when configured (Host is then never trusted), else the request's own.
      response = await handler(toWebRequest(req, { origin: handler.appOrigin }), { ownerId: await getOwner(req) });
    } catch (error) {
      response = handler.errorResponse(error);
    }
    await sendWebResponse(response, res);
  });
  return router;
}
