import type { AuthKit } from '../authkit-types';
import { AuthKitError, isAuthKitError } from '../errors';
import { secret, type Secret } from '../secret';
import { completeAuthorization, startAuthorization, type CompletedAuthorization } from './authorization';
import { safeDetail } from './details';
import { DEFAULT_BODY_LIMIT_BYTES, readBodyFields, type BodyFields } from './body';
import { disconnect, listConnections } from './connections';
import { connectPastedRefreshToken, connectStaticCredential, connectWithClientCredentials, reconnect } from './credentials';
import { assertSameOrigin } from './csrf';
import { httpErrorResponse, toHttpError, type HttpError } from './http-error';
import { jsonResponse, redirectResponse } from './responses';
import { safeReturnTo, withParameters } from './return-to';
import { StateCookieSigner } from './state-cookie';
import type { Call, Surface } from './surface';
import { optionalField, parseScopes, requireProvider, supportsBrowserFlow } from './surface';

/** Options of {@link createConnectHandler}. */
export interface ConnectHandlerOptions {
  /** Where the surface is mounted; every route lives below it. Default `/connections`. */
  basePath?: string;
  /**
   * Public origin of the app (`https://app.example.com`). State-changing requests must come
   * from it, and callback URLs are built on it. Default: each request's own origin.
   */
  appUrl?: string;
  /**
   * Signs the cookie that binds an authorization to the browser that started it (at least 32
   * characters). Required: a random per-process key would break every flow in progress on a
   * restart or on another instance. Generate one with `openssl rand -base64 32`.
   */
  cookieSecret: string | Secret;
  /** Prefix of the state cookie's name (the provider id is appended). Default `authkit_state`. */
  cookiePrefix?: string;
  /** Where to go after a flow that named no `returnTo`. Default `/`. */
  defaultReturnTo?: string;
  /** Largest accepted request body. Default 16 KiB. */
  bodyLimitBytes?: number;
  /** Called with every error answered with a 5xx, for the app's logs (AuthKit errors carry no secrets). */
  onError?: (error: unknown) => void;
}

/** Who the request acts for, as the adapter's framework knows it. */
export interface ConnectRequestContext {
  /** The signed-in user (or tenant) owning connections; absent when nobody is signed in. */
  ownerId: string | undefined | null;
}

/** Options of the lower-level flow operations, for frameworks that route flows themselves. */
export interface FlowOptions {
  providerId: string;
  /** The callback URL, when the framework's callback route is not this surface's. */
  redirectUri?: string;
  /** Where to return after the flow (vetted as a same-origin path). */
  returnTo?: string;
  label?: string;
  scopes?: readonly string[];
}

/**
 * The HTTP surface: a Web `Request` → `Response` function serving every route an app needs so
 * its users can connect, reconnect and disconnect, plus the pieces adapters need around it.
 */
export interface ConnectHandler {
  (request: Request, context: ConnectRequestContext): Promise<Response>;
  /** Mount path, without a trailing slash. */
  readonly basePath: string;
  /** `appUrl`'s origin when configured: the origin adapters give the requests they convert. */
  readonly appOrigin: string | undefined;
  /** {@link toHttpError} with this surface's `reauthorizeUrl` and provider names. */
  toHttpError(error: unknown): HttpError | undefined;
  /** The JSON error `Response` for any error (non-AuthKit errors become a 500 `internal_error`). */
  errorResponse(error: unknown): Response;
  /** Where the user connects (no `connectionId`) or reconnects a provider in the browser, if it can. */
  reauthorizeUrl(providerId: string, connectionId?: string): string | undefined;
  /** Starts a browser authorization (302 + state cookie), for passport strategies and the like. */
  startAuthorization(request: Request, context: ConnectRequestContext, options: FlowOptions): Promise<Response>;
  /**
   * Completes one from its callback request. Never rejects: the outcome is a connection or an
   * error, and in both cases `headers` must go out with the framework's answer (they clear
   * the spent state cookie).
   */
  completeAuthorization(request: Request, context: ConnectRequestContext, options: Pick<FlowOptions, 'providerId' | 'redirectUri'>): Promise<CallbackOutcome>;
}

/** What {@link ConnectHandler.completeAuthorization} resolves to. */
export type CallbackOutcome = (CompletedAuthorization & { ok: true; headers: Headers }) | { ok: false; error: unknown; headers: Headers };

type Route = (surface: Surface, call: Call, providerId: string) => Promise<Response>;

/** Result parameters added to `returnTo` after a browser flow, for the app's page to show. */
function outcome(call: Call, event: 'connected' | 'reconnected' | 'disconnected', providerId: string): Response {
  const location = withParameters(call.returnTo!, { authkit: event, authkit_provider: providerId }) ?? call.returnTo!;
  return redirectResponse(303, location, call.headers);
}

/** POST routes answer JSON, or a 303 to a vetted `returnTo` field (HTML forms). */
function answer(call: Call, status: number, body: unknown, event: 'connected' | 'reconnected' | 'disconnected', providerId: string): Response {
  return call.fields?.has('returnTo') === true ? outcome(call, event, providerId) : jsonResponse(status, body, call.headers);
}

const ROUTES: Record<string, Partial<Record<'GET' | 'POST', Route>>> = {
  connect: {
    GET: async (surface, call, providerId) => {
      const provider = requireProvider(surface, providerId);
      const label = optionalField(call, 'label');
      const scopes = parseScopes(optionalField(call, 'scopes'));
      return startAuthorization(surface, call, {
        provider,
        ifExists: 'fail',
        ...(call.fields?.has('returnTo') ? { returnTo: call.returnTo! } : {}),
        ...(label === undefined ? {} : { label }),
        ...(scopes === undefined ? {} : { scopes }),
      });
    },
  },
  callback: {
    GET: async (surface, call, providerId) => {
      const provider = requireProvider(surface, providerId);
      // The callback URL carries the code: never let it leak as a Referer.
      call.headers.set('referrer-policy', 'no-referrer');
      const { connection } = await completeAuthorization(surface, call, provider);
      // A later version means the authorization replaced an existing connection: a reconnect.
      return outcome(call, connection.version > 1 ? 'reconnected' : 'connected', providerId);
    },
  },
  reconnect: {
    GET: async (surface, call, providerId) => {
      const result = await reconnect(surface, call, requireProvider(surface, providerId), optionalField(call, 'connection'));
      return 'redirect' in result ? result.redirect : jsonResponse(200, result, call.headers);
    },
    POST: async (surface, call, providerId) => {
      const result = await reconnect(surface, call, requireProvider(surface, providerId));
      return 'redirect' in result ? result.redirect : answer(call, 200, result, 'reconnected', providerId);
    },
  },
  credentials: {
    POST: async (surface, call, providerId) =>
      answer(call, 201, { connection: await connectStaticCredential(surface, call, requireProvider(surface, providerId)) }, 'connected', providerId),
  },
  'refresh-token': {
    POST: async (surface, call, providerId) =>
      answer(call, 201, { connection: await connectPastedRefreshToken(surface, call, requireProvider(surface, providerId)) }, 'connected', providerId),
  },
  'client-credentials': {
    POST: async (surface, call, providerId) =>
      answer(call, 201, { connection: await connectWithClientCredentials(surface, call, requireProvider(surface, providerId)) }, 'connected', providerId),
  },
  disconnect: {
    POST: async (surface, call, providerId) =>
      answer(call, 200, await disconnect(surface, call, requireProvider(surface, providerId)), 'disconnected', providerId),
  },
};

function normaliseBasePath(value: string | undefined): string {
  const path = (value ?? '/connections').replace(/\/+$/, '');
  if (path !== '' && (!path.startsWith('/') || safeReturnTo(path) !== path)) {
    throw new AuthKitError('configuration_error', `basePath must be a plain path such as "/connections", got "${path.slice(0, 80)}".`);
  }
  return path;
}

function originOf(appUrl: string | undefined): string | undefined {
  if (appUrl === undefined) return undefined;
  try {
    return new URL(appUrl).origin;
  } catch {
    throw new AuthKitError('configuration_error', 'appUrl must be an absolute URL such as "https://app.example.com".');
  }
}

/** Query parameters as fields, each at most once (the callback's OAuth ones are checked by core). */
function queryFields(url: URL): BodyFields {
  const fields = new Map<string, string>();
  for (const [name, value] of url.searchParams) {
    if (fields.has(name)) {
      throw new AuthKitError('invalid_request', `The query parameter "${name}" appears more than once.`, {
        detail: `the query parameter "${name.slice(0, 40)}" appears more than once`,
      });
    }
    fields.set(name, value);
  }
  return fields;
}

/**
 * Creates the HTTP surface every adapter serves (tRPC's and Auth.js's pattern: one
 * framework-free handler). Routes, below `basePath`:
 *
 * | route | does |
 * |---|---|
 * | `GET /` | the owner's connections (views, never secrets) |
 * | `GET /:provider/connect?returnTo&label&scopes` | 302 to the provider, state bound to the browser |
 * | `GET /:provider/callback` | completes it; 303 to `returnTo?authkit=connected&authkit_provider=…` |
 * | `POST /:provider/credentials` | API token pair, API key or personal access token |
 * | `POST /:provider/refresh-token` | a pasted refresh token (Planday portal), label or next `portal-N` |
 * | `POST /:provider/client-credentials` | server to server |
 * | `GET\|POST /:provider/reconnect` | repairs a connection in place, the way it was made |
 * | `POST /:provider/disconnect` | revoke (unless `revoke=false`; `force=true` removes even if that fails) and remove |
 *
 * POST bodies are JSON or forms (16 KiB), checked for CSRF (Origin = `appUrl`, failing
 * closed). Creating over an existing connection answers 409 `connection_exists`. Errors are
 * JSON from {@link toHttpError}; a browser navigation (Accept: text/html) is sent back to its
 * vetted `returnTo` with `authkit_error` and `authkit_provider` instead.
 *
 * @example
 * ```ts
 * const handler = createConnectHandler(authkit, { basePath: '/connections', cookieSecret: process.env.AUTHKIT_COOKIE_SECRET! });
 * const response = await handler(request, { ownerId: session?.userId });
 * ```
 */
export function createConnectHandler(authkit: AuthKit, options: ConnectHandlerOptions): ConnectHandler {
  if (options.cookieSecret === undefined || options.cookieSecret === null) {
    throw new AuthKitError(
      'configuration_error',
      'createConnectHandler needs a cookieSecret (at least 32 characters): it signs the cookie that ties an authorization to the browser that started it. Generate one with `openssl rand -base64 32`.',
    );
  }
  const surface: Surface = {
    authkit,
    basePath: normaliseBasePath(options.basePath),
    appOrigin: originOf(options.appUrl),
    defaultReturnTo: safeReturnTo(options.defaultReturnTo ?? '/') ?? '/',
    signer: new StateCookieSigner(secret(options.cookieSecret)),
    cookiePrefix: options.cookiePrefix ?? 'authkit_state',
    cookieMaxAgeSeconds: 600,
    bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
  };

  const reauthorizeUrl = (providerId: string, connectionId?: string): string | undefined => {
    const provider = authkit.providers.get(providerId);
    if (provider === undefined || !supportsBrowserFlow(provider)) return undefined;
    const base = `${surface.basePath}/${encodeURIComponent(providerId)}`;
    return connectionId === undefined ? `${base}/connect` : `${base}/reconnect?connection=${encodeURIComponent(connectionId)}`;
  };
  const httpError = (error: unknown) => toHttpError(error, { providers: authkit.providers, reauthorizeUrl });

  const errorResponse = (error: unknown, headers?: Headers): Response => {
    const mapped = httpError(error) ?? httpError(new AuthKitError('internal_error', 'Unexpected error.'))!;
    if (mapped.status >= 500) options.onError?.(error);
    const response = httpErrorResponse(mapped);
    headers?.forEach((value, name) => (name === 'set-cookie' ? undefined : response.headers.set(name, value)));
    for (const cookie of headers?.getSetCookie() ?? []) response.headers.append('set-cookie', cookie);
    return response;
  };

  const newCall = (request: Request, context: ConnectRequestContext): Call => {
    const url = new URL(request.url);
    const accept = request.headers.get('accept') ?? '';
    return {
      request,
      url,
      origin: surface.appOrigin ?? url.origin,
      ownerId: context.ownerId ?? undefined,
      navigation: accept.includes('text/html'),
      returnTo: undefined,
      headers: new Headers(),
    };
  };

  /** A browser navigation's error goes back to the page it came from, with the code to show. */
  const failure = (call: Call, error: unknown, providerId: string | undefined): Response => {
    const code = isAuthKitError(error) ? error.code : 'internal_error';
    if (call.navigation && call.returnTo !== undefined) {
      if (!isAuthKitError(error) || (httpError(error)?.status ?? 500) >= 500) options.onError?.(error);
      const detail = safeDetail(isAuthKitError(error) ? error.detail : undefined);
      const location = withParameters(call.returnTo, {
        authkit_error: code,
        ...(providerId === undefined ? {} : { authkit_provider: providerId }),
        ...(detail === undefined ? {} : { authkit_detail: detail }),
      });
      if (location !== undefined) return redirectResponse(303, location, call.headers);
    }
    return errorResponse(error, call.headers);
  };

  const handler = async (request: Request, context: ConnectRequestContext): Promise<Response> => {
    const call = newCall(request, context);
    const path = call.url.pathname;
    if (path !== surface.basePath && !path.startsWith(`${surface.basePath}/`)) {
      return errorResponse(new AuthKitError('not_found', `No route ${path.slice(0, 80)}.`));
    }
    const segments = path.slice(surface.basePath.length).split('/').filter((segment) => segment !== '');
    let providerId: string | undefined;

    let methods: Partial<Record<'GET' | 'POST', Route>> | undefined;
    if (segments.length === 0) {
      methods = { GET: async (_s, c) => jsonResponse(200, await listConnections(surface, c), c.headers) };
    } else if (segments.length === 2) {
      try {
        providerId = decodeURIComponent(segments[0]!);
      } catch {
        return errorResponse(new AuthKitError('not_found', 'Malformed path.'));
      }
      methods = ROUTES[segments[1]!];
    }
    if (methods === undefined) return errorResponse(new AuthKitError('not_found', `No route ${path.slice(0, 80)}.`));
    const route = methods[request.method as 'GET' | 'POST'];
    if (route === undefined) {
      const response = errorResponse(new AuthKitError('method_not_allowed', `${request.method.slice(0, 10)} is not allowed here.`));
      response.headers.set('allow', Object.keys(methods).join(', '));
      return response;
    }
    try {
      if (call.navigation) call.returnTo = surface.defaultReturnTo;
      if (providerId !== undefined) requireProvider(surface, providerId);
      if (request.method === 'POST') {
        assertSameOrigin(request, call.origin);
        call.fields = await readBodyFields(request, surface.bodyLimitBytes);
      } else if (segments[1] !== 'callback') {
        call.fields = queryFields(call.url);
      }
      const rawReturnTo = call.fields?.get('returnTo');
      if (rawReturnTo !== undefined) {
        const returnTo = safeReturnTo(rawReturnTo);
        if (returnTo === undefined) throw new AuthKitError('invalid_return_to', 'returnTo is not a same-origin path.', providerId === undefined ? {} : { providerId });
        call.returnTo = returnTo;
      }
      return await route(surface, call, providerId ?? '');
    } catch (error) {
      return failure(call, error, providerId !== undefined && authkit.providers.has(providerId) ? providerId : undefined);
    }
  };

  return Object.assign(handler, {
    basePath: surface.basePath,
    appOrigin: surface.appOrigin,
    toHttpError: httpError,
    errorResponse: (error: unknown) => errorResponse(error),
    reauthorizeUrl,
    async startAuthorization(request: Request, context: ConnectRequestContext, flow: FlowOptions) {
      const call = newCall(request, context);
      const returnTo = flow.returnTo === undefined ? undefined : safeReturnTo(flow.returnTo);
      if (flow.returnTo !== undefined && returnTo === undefined) {
        throw new AuthKitError('invalid_return_to', 'returnTo is not a same-origin path.', { providerId: flow.providerId });
      }
      return startAuthorization(surface, call, {
        provider: requireProvider(surface, flow.providerId),
        ifExists: 'replace',
        ...(returnTo === undefined ? {} : { returnTo }),
        ...(flow.label === undefined ? {} : { label: flow.label }),
        ...(flow.scopes === undefined ? {} : { scopes: flow.scopes }),
        ...(flow.redirectUri === undefined ? {} : { redirectUri: flow.redirectUri }),
      });
    },
    async completeAuthorization(request: Request, context: ConnectRequestContext, flow: Pick<FlowOptions, 'providerId' | 'redirectUri'>): Promise<CallbackOutcome> {
      const call = newCall(request, context);
      try {
        const result = await completeAuthorization(surface, call, requireProvider(surface, flow.providerId), flow.redirectUri);
        return { ok: true as const, ...result, headers: call.headers };
      } catch (error) {
        return { ok: false as const, error, headers: call.headers };
      }
    },
  });
}
