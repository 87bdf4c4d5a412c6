import type { ConnectionRecord } from '../connection';
import type { Credential } from '../credentials';
import { AuthKitError, PermissionDeniedError, RateLimitedError, UnauthenticatedError } from '../errors';
import { parseRetryAfterHeader } from '../providers/shared';
import type { ProviderDefinition } from '../providers/types';
import type { Secret } from '../secret';
import type { Pacer } from './pacer';
import type { Telemetry } from '../telemetry/telemetry';
import type { PreparedRequest } from './request';
import { assertAllowedUrl, prepareRequest, prepareUrlRequest } from './request';

/** Where a signed fetch gets its credential, and how it renews it after a 401. */
export interface CredentialSource {
  /**
   * The record to sign with (refreshed first if it is about to expire); sync when it can be.
   * `onRefreshWait` is called when the request has to wait for a refresh.
   */
  current(onRefreshWait?: () => void): ConnectionRecord | Promise<ConnectionRecord>;
  /** A renewed record after `record` got a 401, or undefined if it cannot be renewed. */
  renew?(record: ConnectionRecord): Promise<ConnectionRecord | undefined>;
  /** Sees each final status (static credentials: proven, or rejected); a promise only when it writes. */
  observe?(record: ConnectionRecord, status: number): Promise<unknown> | undefined;
}

/** What a signed fetch needs besides the provider and its credential source. */
export interface SignedFetchDeps {
  readonly fetch: typeof fetch;
  readonly now: () => number;
  readonly pacer?: Pacer;
  /** Spans for signed requests (OpenTelemetry, when present). */
  readonly telemetry?: Telemetry;
  /** The connection id spans name (`''` when absent: the span starts before the record is read). */
  readonly connectionId?: string;
}

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * A `fetch` with the global signature that signs each request for `provider`, refuses foreign
 * hosts before sending, answers one 401 with one renewal and one retry (replayable bodies
 * only), and turns 401/403/429 into typed errors. Other responses pass through untouched.
 */
export function createSignedFetch(provider: ProviderDefinition, source: CredentialSource, deps: SignedFetchDeps): typeof fetch {
  const run = async (request: PreparedRequest): Promise<Response> => {
    const span = deps.telemetry?.request(provider.id, deps.connectionId ?? '', (request.init.method ?? 'GET').toUpperCase(), request.url);
    if (span === undefined) return exchange(request, undefined);
    const outcome = { resends: 0, waitedOnRefresh: false } as { resends: number; waitedOnRefresh: boolean; status?: number };
    try {
      const response = await exchange(request, outcome);
      span.end(outcome);
      return response;
    } catch (error) {
      span.end({ ...outcome, error });
      throw error;
    }
  };
  const exchange = async (request: PreparedRequest, outcome: { resends: number; waitedOnRefresh: boolean; status?: number } | undefined): Promise<Response> => {
    const current = source.current(outcome === undefined ? undefined : () => (outcome.waitedOnRefresh = true));
    let record = current instanceof Promise ? await current : current;
    if (deps.pacer !== undefined) await deps.pacer.acquire(provider, record);
    let response = await send(provider, record, request, deps.fetch);
    if (response.status === 401 && request.replayable && source.renew !== undefined) {
      const renewed = await source.renew(record);
      if (renewed !== undefined) {
        await response.body?.cancel().catch(() => undefined);
        record = renewed;
        if (outcome !== undefined) outcome.resends += 1;
        response = await send(provider, record, request, deps.fetch);
      }
    }
    if (outcome !== undefined) outcome.status = response.status;
    const observed = source.observe?.(record, response.status);
    if (observed !== undefined) await observed;
    if (response.status === 401 || response.status === 403 || response.status === 429) {
      throw await toError(provider, record, response, deps.now());
    }
    return response;
  };
  const signedFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    // Strings and URLs (the common case) skip an async hop; Requests may need their body read.
    if (typeof input === 'string' || input instanceof URL) {
      try {
        return run(prepareUrlRequest(provider, input, init));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return prepareRequest(provider, input, init).then(run);
  };
  return signedFetch as typeof fetch;
}

/** Signs and sends, following redirects only to the provider's own hosts. */
async function send(provider: ProviderDefinition, record: ConnectionRecord, request: PreparedRequest, fetchImpl: typeof fetch): Promise<Response> {
  let url = request.url;
  let init = request.init;
  for (let hop = 0; ; hop++) {
    // Signers `set` query parameters (API keys), so re-signing the same URL on a replay is
    // idempotent; a redirect gets a new URL object, signed afresh.
    const signedUrl = url;
    const headers = new Headers(request.headers);
    provider.signRequest({ url: signedUrl, headers, credential: record.credential, connection: record });
    const streamed = typeof ReadableStream !== 'undefined' && init.body instanceof ReadableStream;
    // Node's fetch requires `duplex: 'half'` for a streamed body (not in the DOM typings).
    const sendInit: RequestInit & { duplex?: 'half' } = { ...init, headers, redirect: 'manual', ...(streamed ? { duplex: 'half' } : {}) };
    const response = await fetchImpl(signedUrl.href, sendInit).catch((error: unknown) => {
      // fetch rejects with a TypeError when the network fails (refused, reset, DNS): that is the
      // provider being unreachable, which adapters answer with 502 — not a bug in the caller.
      // Aborts (the caller's own signal) pass through untouched.
      if (error instanceof TypeError) {
        throw new AuthKitError('provider_unavailable', `${provider.name} could not be reached.`, { providerId: provider.id, cause: error });
      }
      throw error;
    });
    if (request.redirect === 'manual' || !REDIRECT_STATUSES.has(response.status)) return response;
    const location = response.headers.get('location');
    if (location === null) return response;
    await response.body?.cancel().catch(() => undefined);
    if (request.redirect === 'error') throw new TypeError(`Redirect to another URL refused (redirect: "error").`);
    if (hop >= MAX_REDIRECTS) throw new TypeError(`Too many redirects from ${provider.name}.`);
    const next = new URL(location, url);
    // Never carry the credential to a host the provider does not own.
    assertAllowedUrl(provider, next);
    const method = (init.method ?? 'GET').toUpperCase();
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      const { body: _body, ...rest } = init;
      init = { ...rest, method: method === 'HEAD' ? 'HEAD' : 'GET' };
    }
    url = next;
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { message: text.slice(0, 200) };
  }
}

function secretsOf(credential: Credential): Secret[] {
  switch (credential.kind) {
    case 'oauth2':
      return credential.refreshToken === undefined ? [credential.accessToken] : [credential.accessToken, credential.refreshToken];
    case 'api_token':
      return [credential.tokenValue];
    case 'api_key':
      return [credential.key];
    case 'personal_access_token':
      return [credential.token];
  }
}

/** Provider wording is kept, minus any echo of the credential (some APIs quote the token back). */
function redact(message: string, credential: Credential): string {
  let safe = message;
  for (const secret of secretsOf(credential)) {
    const value = secret.reveal();
    if (value.length >= 4 && safe.includes(value)) safe = safe.split(value).join('[redacted]');
  }
  return safe.slice(0, 300);
}

async function toError(provider: ProviderDefinition, record: ConnectionRecord, response: Response, now: number): Promise<AuthKitError> {
  const status = response.status;
  const body = await readBody(response);
  const info = provider.parseError?.(status, body, response.headers);
  const base = { providerId: provider.id, connectionId: record.id, status };
  const detail = info?.message === undefined ? '' : `: ${redact(info.message, record.credential)}`;
  if (status === 401) {
    return new UnauthenticatedError(`${provider.name} rejected the credential (HTTP 401)${detail}`, base);
  }
  if (status === 403) {
    return new PermissionDeniedError(`${provider.name} denied permission (HTTP 403)${detail}`, {
      ...base,
      ...(info?.requiredScope === undefined ? {} : { requiredScope: info.requiredScope }),
    });
  }
  const retryAfter = provider.parseRetryAfter?.(response.headers) ?? parseRetryAfterHeader(response.headers, now);
  return new RateLimitedError(`${provider.name} rate limit reached (HTTP 429)${detail}`, {
    ...base,
    ...(retryAfter === undefined ? {} : { retryAfter }),
  });
}
