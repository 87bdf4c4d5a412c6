import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { applyFault } from './faults';
import { BodyTooLargeError, Ctx, RequestAbortedError } from './http';
import type { Route, Router } from './router';
import type { SandboxState } from './state';
import type { RequestLogEntry } from './types';

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Token endpoints: the grant type is read before faults apply, so counters see it either way. */
async function grantTypeOf(ctx: Ctx, route: Route): Promise<string | undefined> {
  if (ctx.method !== 'POST' || !route.key.endsWith('.token')) return undefined;
  const form = await ctx.form();
  return form?.get('grant_type') ?? undefined;
}

/** A 404 in the error shape of the provider whose prefix the path has. */
function notFoundBody(path: string, message: string): Record<string, string> {
  if (path.startsWith('/iguide/')) return { code: 'not_found', message };
  if (path.startsWith('/plannr/') || path.startsWith('/planday/')) return { message };
  return { error: 'not_found', message };
}

async function dispatch(state: SandboxState, router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const entry: RequestLogEntry = {
    at: state.clock.now(),
    endpointKey: 'unknown',
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    headers: flattenHeaders(req),
    status: 0,
  };
  state.stats.record(entry);
  let ctx: Ctx | undefined;
  try {
    ctx = new Ctx(req, res, entry, state.baseUrl || 'http://localhost');
    const match = router.match(ctx.method, ctx.url.pathname);
    if (!match) {
      state.stats.increment('unknown');
      return ctx.json(404, notFoundBody(ctx.url.pathname, `The sandbox has no route ${ctx.method} ${ctx.url.pathname}`));
    }
    if ('allowed' in match) {
      state.stats.increment('unknown');
      return ctx.json(405, { error: 'method_not_allowed', message: `Use ${match.allowed.join(', ')}` }, { allow: match.allowed.join(', ') });
    }
    entry.endpointKey = match.route.key;
    ctx.params = match.params;
    const grantType = await grantTypeOf(ctx, match.route);
    if (grantType) entry.grantType = grantType;
    state.stats.increment(match.route.key, grantType);
    const fault = match.route.key === 'admin' ? undefined : state.faults.take(match.route.key);
    if (fault && (await applyFault(ctx, fault))) return;
    await match.route.handler(ctx);
  } catch (error) {
    if (error instanceof RequestAbortedError) {
      res.destroy();
    } else if (error instanceof BodyTooLargeError) {
      ctx?.json(413, { error: 'invalid_request', error_description: 'Request body too large (limit 1 MiB).' }, { connection: 'close' });
    } else if (ctx && !ctx.done) {
      // A sandbox bug must not take the server down; the stack helps whoever hit it.
      console.error('[authkit-sandbox] unexpected error:', error);
      ctx.json(500, { error: 'server_error', error_description: 'The sandbox hit an unexpected error.' });
    } else if (!res.headersSent) {
      res.destroy();
    }
  }
}

/** A plain node:http server tuned for load: many sockets, keep-alive, no per-request sync work. */
export function createSandboxServer(state: SandboxState, router: Router): Server {
  const server = createServer({ keepAlive: true, keepAliveTimeout: 30_000 }, (req, res) => {
    void dispatch(state, router, req, res);
  });
  server.maxConnections = 100_000;
  server.maxHeadersCount = 200;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  return server;
}
