import { createAuthKit, providers } from '@authkit/core';
import { createAuthKitExpress } from '@authkit/express';
import { app } from './app.js'; // your Express app, its session middleware already mounted

declare module 'express-session' { interface SessionData { userId: string } } // set by your sign-in

const authkit = createAuthKit({ providers: [
  providers.planday({ clientId: process.env.PLANDAY_CLIENT_ID! }),
  // readme:begin plannr-provider
  providers.plannr({ clientId: process.env.PLANNR_CLIENT_ID!, clientSecret: process.env.PLANNR_CLIENT_SECRET! }),
  // readme:end plannr-provider
] });
const ak = createAuthKitExpress({ authkit, getOwner: (req) => req.session.userId, cookieSecret: process.env.AUTHKIT_COOKIE_SECRET! });

app.use(ak.router); // /connections/planday/refresh-token, /connections/planday/connect, …
app.get('/departments', ak.requireConnection('planday', { label: 'portal-1' }), async (req, res) => {
  res.json(await (await req.authkit.client('planday').fetch('/hr/v1/Departments')).json());
});
// readme:begin plannr-route
app.get('/contacts', ak.requireConnection('plannr'), async (req, res) => {
  res.json(await (await req.authkit.client('plannr').fetch('/api/v1/contacts')).json());
});
// readme:end plannr-route
app.use(ak.errorHandler);
