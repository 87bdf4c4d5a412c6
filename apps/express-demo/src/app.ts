import { describeOutcome, type AuthKit } from '@authkit/core';
import { createAuthKitExpress, isAuthKitError, sendWebResponse } from '@authkit/express';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import { DemoSession, apiCallFor, validUserName, type ApiResult, type DemoCredentials } from '@authkit/demo-kit';
import { BASE_PATH, pages } from './views';

export interface DemoAppOptions {
  authkit: AuthKit;
  appUrl: string;
  /** Signs the demo login cookie and the AuthKit state cookie (>= 32 characters). */
  secret: string;
  sandboxUrl: string;
  /** Mints demo credentials for the page (sandbox). */
  mintCredentials(): Promise<DemoCredentials>;
}

function wantsHtml(req: Request): boolean {
  return req.accepts(['json', 'html']) === 'html';
}

function prettyBody(text: string): string {
  let body = text;
  try {
    body = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: show as is
  }
  return body.length > 4000 ? `${body.slice(0, 4000)}\n…` : body;
}

/** The demo as an Express app (no listening: main.ts and tests do that). */
export function createDemoApp(options: DemoAppOptions): express.Express {
  const { authkit } = options;
  const session = new DemoSession({ cookie: 'demo_user', secret: options.secret, secure: options.appUrl.startsWith('https:') });
  const getOwner = (req: Request): string | undefined => session.user(req);
  const ak = createAuthKitExpress({
    authkit,
    getOwner,
    appUrl: options.appUrl,
    basePath: BASE_PATH,
    cookieSecret: options.secret,
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));

  const dashboard = async (req: Request, res: Response, extra: { result?: ApiResult; error?: { code: string; message: string } } = {}) => {
    const user = getOwner(req);
    if (user === undefined) {
      res.type('html').send(pages.loginPage());
      return;
    }
    const [connections, credentials] = await Promise.all([authkit.listConnections({ ownerId: user }), options.mintCredentials()]);
    // What a connect flow reported back on the URL (core's one wording).
    const outcome = describeOutcome(new URLSearchParams(req.url.split('?')[1] ?? ''), authkit.providers);
    const error = extra.error ?? (outcome?.kind === 'error' ? { code: outcome.code ?? 'internal_error', message: outcome.message } : undefined);
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(pages.dashboardPage({ user, connections, credentials, sandboxUrl: options.sandboxUrl, ...extra, ...(error ? { error } : {}) }));
  };

  app.get('/', async (req, res) => dashboard(req, res));

  app.post('/login', (req, res) => {
    const user = validUserName((req.body as Record<string, unknown> | undefined)?.user);
    if (user === undefined) {
      res.status(400).type('html').send(pages.loginPage('Use 1–64 letters, digits, "_", ".", "@" or "-".'));
      return;
    }
    session.signIn(res, user);
    res.redirect(303, '/');
  });

  app.post('/logout', (_req, res) => {
    session.signOut(res);
    res.redirect(303, '/');
  });

  // "Call API": one read-only request through AuthKit's signed client, shown on the dashboard.
  app.get('/call', async (req, res) => {
    const ownerId = getOwner(req);
    if (ownerId === undefined) {
      res.redirect(303, '/');
      return;
    }
    const providerId = typeof req.query.provider === 'string' ? req.query.provider : '';
    const label = typeof req.query.label === 'string' && req.query.label !== '' ? req.query.label : undefined;
    if (!authkit.providers.has(providerId)) {
      await dashboard(req, res, { error: { code: 'unknown_provider', message: 'No such provider' } });
      return;
    }
    const connection = await authkit.getConnection(authkit.connectionIdFor(providerId, ownerId, label));
    if (connection === undefined || connection.ownerId !== ownerId) {
      await dashboard(req, res, { error: { code: 'connection_not_found', message: 'Connect it first' } });
      return;
    }
    const call = apiCallFor(connection);
    try {
      const response = await authkit.client(providerId, connection.id).fetch(call.path, { method: call.method, headers: { Accept: 'application/json' } });
      const result = { connectionId: connection.id, request: `${call.method} ${call.path}`, status: response.status, body: prettyBody(await response.text()) };
      await dashboard(req, res, { result });
    } catch (error) {
      if (!isAuthKitError(error)) throw error;
      await dashboard(req, res, { error: { code: error.code, message: error.message } });
    }
  });

  app.use(ak.router);

  // JSON API routes behind requireConnection, as an app would expose them.
  app.get('/api/planday/departments', ak.requireConnection('planday'), async (req, res) => {
    await sendWebResponse(await req.authkit.client('planday').fetch('hr/v1/Departments'), res);
  });
  app.get('/api/plannr/contacts', ak.requireConnection('plannr'), async (req, res) => {
    await sendWebResponse(await req.authkit.client('plannr').fetch('api/v1/contacts'), res);
  });
  app.get('/api/iguide/iguides', ak.requireConnection('iguide', { label: 'api-token' }), async (req, res) => {
    await sendWebResponse(await req.authkit.client('iguide').fetch('iguides'), res);
  });

  const errors: ErrorRequestHandler = (err, req, res, next) => {
    const answer = ak.handler.toHttpError(err);
    if (answer === undefined) {
      next(err);
      return;
    }
    res.status(answer.status).set(answer.headers).set('Cache-Control', 'no-store');
    if (wantsHtml(req)) res.type('html').send(pages.errorPage(answer.status, answer.body.code, answer.body.message));
    else res.json(answer.body);
  };
  app.use(errors);
  return app;
}
