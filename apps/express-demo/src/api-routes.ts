import { sendWebResponse, type AuthKitExpress } from '@authkit/express';
import express, { type Router } from 'express';

/** JSON routes as an app would expose them: `requireConnection` puts a signed client on `req.authkit`. */
export function apiRoutes(ak: AuthKitExpress): Router {
  const router = express.Router();
  router.get('/planday/departments', ak.requireConnection('planday'), async (req, res) => {
    await sendWebResponse(await req.authkit.client('planday').fetch('hr/v1/Departments'), res);
  });
  router.get('/plannr/contacts', ak.requireConnection('plannr'), async (req, res) => {
    await sendWebResponse(await req.authkit.client('plannr').fetch('api/v1/contacts'), res);
  });
  router.get('/iguide/iguides', ak.requireConnection('iguide', { label: 'api-token' }), async (req, res) => {
    await sendWebResponse(await req.authkit.client('iguide').fetch('iguides'), res);
  });
  return router;
}
