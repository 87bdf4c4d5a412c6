import type { Ctx } from './http';
import { redactEntry } from './redact';
import type { Route } from './router';
import type { Sandbox } from './sandbox-types';
import { applySettingsPatch } from './settings';
import type { FaultKind, ProviderId } from './types';
import { PROVIDER_IDS } from './types';

const PREFIX = '/__sandbox';

type Json = Record<string, unknown>;

/** Reads a JSON object body, answering 400 itself when the body is not one. */
async function body(ctx: Ctx): Promise<Json | undefined> {
  const value = await ctx.jsonBody();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Json;
  ctx.json(400, { error: 'invalid_request', message: 'The body must be a JSON object.' });
  return undefined;
}

/** Runs an admin action; a TypeError/RangeError from the programmatic API becomes a 400. */
async function run(ctx: Ctx, status: number, action: () => unknown): Promise<void> {
  try {
    ctx.json(status, (await action()) ?? { ok: true });
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) ctx.json(400, { error: 'invalid_request', message: error.message });
    else throw error;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined);

function provider(ctx: Ctx, value: unknown): ProviderId | undefined {
  if (PROVIDER_IDS.includes(value as ProviderId)) return value as ProviderId;
  ctx.json(400, { error: 'invalid_request', message: `provider must be one of ${PROVIDER_IDS.join(', ')}` });
  return undefined;
}

/**
 * The admin HTTP API (`/__sandbox/…`, JSON): the same controls as the programmatic API, for
 * other processes (multi-process tests, demo apps). Documented in the README.
 */
export function adminRoutes(sandbox: Sandbox): Route[] {
  const r = (method: string, pattern: string, handler: Route['handler']): Route => ({ method, pattern: `${PREFIX}${pattern}`, key: 'admin', handler });
  return [
    r('GET', '', (ctx) => ctx.json(200, { url: sandbox.url, endpoints: sandbox.endpoints, demoClients: sandbox.demoClients, now: sandbox.now() })),
    r('GET', '/health', (ctx) => ctx.json(200, { ok: true })),
    r('POST', '/grants/revoke', async (ctx) => {
      const b = await body(ctx);
      const p = b && provider(ctx, b.provider);
      if (!b || !p) return;
      const filter = {
        ...(str(b.clientId) === undefined ? {} : { clientId: str(b.clientId) as string }),
        ...(str(b.portalId) === undefined ? {} : { portalId: str(b.portalId) as string }),
        ...(str(b.subject) === undefined ? {} : { subject: str(b.subject) as string }),
      };
      ctx.json(200, { revoked: sandbox.revokeGrants(p, filter) });
    }),
    r('POST', '/iguide/apps/:clientId/rotate-secret', (ctx) => {
      const rotated = sandbox.iguide.rotateClientSecret(ctx.params.clientId ?? '');
      if (rotated) ctx.json(200, rotated);
      else ctx.json(404, { error: 'not_found', message: 'OAuth app not found' });
    }),
    r('POST', '/clients', async (ctx) => {
      const b = await body(ctx);
      if (!b) return;
      const p = provider(ctx, b.provider);
      if (!p) return;
      const redirectUris = strings(b.redirectUris ?? []);
      const scopes = b.scopes === undefined ? undefined : strings(b.scopes);
      if (!redirectUris || (b.scopes !== undefined && !scopes)) {
        return ctx.json(400, { error: 'invalid_request', message: 'redirectUris and scopes must be arrays of strings' });
      }
      await run(ctx, 201, () => {
        const client = sandbox.registerClient({
          provider: p,
          clientId: str(b.clientId) ?? '',
          ...(b.clientSecret === undefined ? {} : { clientSecret: str(b.clientSecret) ?? '' }),
          redirectUris,
          ...(scopes === undefined ? {} : { scopes }),
          ...(b.name === undefined ? {} : { name: String(b.name) }),
        });
        return { provider: client.provider, clientId: client.clientId, redirectUris: client.redirectUris, scopes: client.scopes ?? null };
      });
    }),
    r('POST', '/clients/:provider/:clientId/redirect-uris', async (ctx) => {
      const b = await body(ctx);
      const p = b && provider(ctx, ctx.params.provider);
      if (!b || !p) return;
      await run(ctx, 200, () => {
        const client = sandbox.addRedirectUri(p, ctx.params.clientId ?? '', str(b.uri) ?? '');
        return { provider: client.provider, clientId: client.clientId, redirectUris: client.redirectUris };
      });
    }),
    r('POST', '/iguide/api-tokens', async (ctx) => {
      const b = await body(ctx);
      if (!b) return;
      const scopes = strings(b.scopes);
      if (!scopes) return ctx.json(400, { error: 'invalid_request', message: 'scopes must be an array of strings' });
      const expiresInSeconds = num(b.expiresInSeconds);
      await run(ctx, 201, () => sandbox.iguide.createApiToken({ scopes, ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }) }));
    }),
    r('POST', '/iguide/api-tokens/:id/rotate', async (ctx) => {
      const b = await body(ctx);
      if (!b) return;
      const rotated = sandbox.iguide.rotateApiToken(ctx.params.id ?? '', num(b.gracePeriodSeconds));
      if (rotated) ctx.json(200, rotated);
      else ctx.json(404, { error: 'not_found', message: 'API token not found' });
    }),
    r('POST', '/planday/portals', async (ctx) => {
      const b = await body(ctx);
      if (b) await run(ctx, 201, () => sandbox.planday.createPortal({ name: str(b.name) ?? '' }));
    }),
    r('POST', '/planday/refresh-tokens', async (ctx) => {
      const b = await body(ctx);
      if (!b) return;
      const scopes = strings(b.scopes);
      await run(ctx, 201, () => sandbox.planday.mintRefreshToken({ portalId: str(b.portalId) ?? '', clientId: str(b.clientId) ?? '', ...(scopes ? { scopes } : {}) }));
    }),
    r('POST', '/plannr/personal-access-tokens', async (ctx) => {
      const b = await body(ctx);
      const userId = num(b?.userId);
      if (b) await run(ctx, 201, () => sandbox.plannr.createPersonalAccessToken(userId === undefined ? {} : { userId }));
    }),
    r('POST', '/oauth2/personal-access-tokens', async (ctx) => {
      const b = await body(ctx);
      const scopes = strings(b?.scopes);
      if (b) await run(ctx, 201, () => sandbox.oauth2.createPersonalAccessToken(scopes ? { scopes } : {}));
    }),
    r('POST', '/client-credentials/api-keys', async (ctx) => run(ctx, 201, () => sandbox.clientCredentials.createApiKey())),
    r('DELETE', '/client-credentials/api-keys/:key', (ctx) => run(ctx, 200, () => ({ revoked: sandbox.clientCredentials.revokeApiKey(ctx.params.key ?? '') }))),
    r('GET', '/settings', (ctx) => ctx.json(200, sandbox.settings)),
    r('PATCH', '/settings', async (ctx) => {
      const b = await body(ctx);
      if (!b) return;
      const errors = applySettingsPatch(sandbox.settings, b);
      if (errors.length > 0) ctx.json(400, { error: 'invalid_request', message: errors.join('; '), settings: sandbox.settings });
      else ctx.json(200, sandbox.settings);
    }),
    r('GET', '/clock', (ctx) => ctx.json(200, { now: sandbox.now(), frozen: sandbox.clock.frozen })),
    r('POST', '/clock/advance', async (ctx) => {
      const b = await body(ctx);
      if (!b) return;
      const ms = num(b.ms) ?? (num(b.seconds) === undefined ? undefined : (num(b.seconds) as number) * 1000);
      await run(ctx, 200, () => ({ now: sandbox.clock.advance(ms ?? Number.NaN) }));
    }),
    r('POST', '/clock/freeze', async (ctx) => {
      const b = await body(ctx);
      if (b) await run(ctx, 200, () => ({ now: sandbox.clock.freeze(num(b.at)) }));
    }),
    r('POST', '/clock/unfreeze', (ctx) => run(ctx, 200, () => ({ now: sandbox.clock.unfreeze() }))),
    r('GET', '/faults', (ctx) => ctx.json(200, { faults: sandbox.faults.list() })),
    r('POST', '/faults', async (ctx) => {
      const b = await body(ctx);
      if (!b) return;
      const endpoint = str(b.endpoint) ?? str(b.endpointKey);
      if (!endpoint) return ctx.json(400, { error: 'invalid_request', message: 'endpoint is required, e.g. "plannr.token"' });
      const times = num(b.times);
      const latencyMs = num(b.latencyMs);
      await run(ctx, 201, () => {
        sandbox.faults.inject(endpoint, { kind: str(b.kind) as FaultKind, ...(times === undefined ? {} : { times }), ...(latencyMs === undefined ? {} : { latencyMs }) });
        return { faults: sandbox.faults.list() };
      });
    }),
    r('DELETE', '/faults', (ctx) => {
      sandbox.faults.clear(ctx.url.searchParams.get('endpoint') ?? undefined);
      ctx.json(200, { faults: sandbox.faults.list() });
    }),
    r('GET', '/stats', (ctx) => {
      const endpoint = ctx.url.searchParams.get('endpoint');
      if (!endpoint) return ctx.json(400, { error: 'invalid_request', message: 'endpoint query parameter is required' });
      const grantType = ctx.url.searchParams.get('grantType') ?? undefined;
      ctx.json(200, { endpoint, grantType: grantType ?? null, count: sandbox.stats.count(endpoint, grantType ? { grantType } : {}) });
    }),
    r('DELETE', '/stats', (ctx) => {
      sandbox.stats.reset();
      ctx.json(200, { ok: true });
    }),
    r('GET', '/requests', (ctx) => {
      const endpoint = ctx.url.searchParams.get('endpoint');
      const list = endpoint ? sandbox.requests.filter((e) => e.endpointKey === endpoint) : sandbox.requests;
      // Credential headers are fingerprinted: this JSON may end up in CI logs.
      ctx.json(200, { requests: list.map(redactEntry) });
    }),
  ];
}
