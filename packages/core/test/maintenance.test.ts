// Maintenance between requests and connection health, against the sandbox over HTTP on its clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuthKit, MemoryStore, providers, type AuthKitEvent, type ConnectionView, type ProviderDefinition } from '../src/index';
import { caught, startHarness, type Harness } from './helpers/sandbox';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const status = async (id: string) => (await h.authkit.getConnection(id))?.status;
const refreshes = () => h.sandbox.stats.count('plannr.token', { grantType: 'refresh_token' });

describe('refresh-token keep-alive', () => {
  it('without maintenance, a Plannr connection nobody uses for six months is lost', async () => {
    const connection = await h.connectOAuth('plannr', 'idle');
    h.sandbox.clock.advance(181 * DAY);
    expect(await caught(h.authkit.client('plannr', connection.id).fetch('/api/v1/contacts'))).toMatchObject({ code: 'reauthorization_required' });
    expect(await status(connection.id)).toBe('reauthorization_required');
  });

  it('with maintenance, at 5 months 29 days it is refreshed ahead of the expiry and lives on', async () => {
    const connection = await h.connectOAuth('plannr', 'kept');
    expect(connection.dueAt).toBe(connection.refreshTokenExpiresAt! - 14 * DAY);
    h.sandbox.clock.advance(179 * DAY);
    const report = await h.authkit.runMaintenance();
    expect(report).toMatchObject({ due: 1, refreshed: 1, failed: 0 });
    const renewed = (await h.authkit.getConnection(connection.id))!;
    expect(renewed.refreshTokenExpiresAt).toBeGreaterThan(h.sandbox.now() + 170 * DAY);
    expect(renewed.dueAt).toBe(renewed.refreshTokenExpiresAt! - 14 * DAY);
    h.sandbox.clock.advance(2 * DAY);
    expect((await h.authkit.client('plannr', connection.id).fetch('/api/v1/contacts')).status).toBe(200);
    // Nothing else is due: a second sweep finds no work.
    expect(await h.authkit.runMaintenance()).toMatchObject({ due: 0, refreshed: 0 });
  });

  it('two instances sweeping one store together refresh each due connection once', async () => {
    const store = new MemoryStore({ now: () => h.sandbox.now() });
    const a = h.makeAuthKit({ store });
    const b = h.makeAuthKit({ store });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await h.connectOAuth('plannr', `owner-${i}`, i % 2 === 0 ? a : b)).id);
    h.sandbox.clock.advance(170 * DAY);
    h.sandbox.stats.reset();
    const [ra, rb] = await Promise.all([a.runMaintenance(), b.runMaintenance()]);
    expect(ra.refreshed + rb.refreshed).toBe(6);
    expect(refreshes()).toBe(6);
    for (const id of ids) expect((await a.getConnection(id))?.status).toBe('active');
  });

  it('startMaintenance runs sweeps on one timer until stopped', async () => {
    const connection = await h.connectOAuth('plannr', 'timed');
    h.sandbox.clock.advance(170 * DAY);
    const swept: AuthKitEvent[] = [];
    h.authkit.on('maintenance.swept', (event) => swept.push(event));
    const handle = h.authkit.startMaintenance({ intervalMs: 20 });
    expect(h.authkit.startMaintenance()).toBeDefined();
    while (swept.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    await handle.stop();
    const count = swept.length;
    expect(count).toBeGreaterThan(1);
    expect(swept[0]).toMatchObject({ type: 'maintenance.swept', due: 1, refreshed: 1 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(swept.length).toBe(count);
    expect((await h.authkit.getConnection(connection.id))?.refreshTokenExpiresAt).toBeGreaterThan(h.sandbox.now() + 170 * DAY);
  });
});

describe('warm access tokens and periodic verify', () => {
  it('keeps a warm provider\'s access token fresh, so the request path never waits on the token endpoint', async () => {
    const authkit = h.makeAuthKit({ maintenance: { warmAccessTokens: ['plannr'] } });
    const connection = await h.connectOAuth('plannr', 'warm', authkit);
    h.sandbox.clock.advance(HOUR - 90_000);
    expect(await authkit.runMaintenance()).toMatchObject({ refreshed: 1 });
    h.sandbox.stats.reset();
    h.sandbox.clock.advance(60_000);
    expect((await authkit.client('plannr', connection.id).fetch('/api/v1/contacts')).status).toBe(200);
    expect(h.sandbox.stats.count('plannr.token')).toBe(0);
  });

  it('warms a short-lived (4 s) access token at half its life, not on every sweep (the lead is capped like the skew)', async () => {
    h.sandbox.settings.plannr.accessTokenTtlSeconds = 4;
    h.sandbox.clock.freeze();
    const authkit = h.makeAuthKit({ maintenance: { warmAccessTokens: ['plannr'] } });
    const connection = await h.connectOAuth('plannr', 'warm-short', authkit);
    h.sandbox.stats.reset();
    for (let sweep = 0; sweep < 3; sweep++) expect(await authkit.runMaintenance()).toMatchObject({ refreshed: 0 });
    h.sandbox.clock.advance(1_900);
    expect(await authkit.runMaintenance()).toMatchObject({ refreshed: 0 });
    h.sandbox.clock.advance(200); // past half of its 4 s
    expect(await authkit.runMaintenance()).toMatchObject({ refreshed: 1 });
    expect(await authkit.runMaintenance()).toMatchObject({ refreshed: 0 });
    expect(refreshes()).toBe(1);
    // Fresh for another 2 s: the request path does not wait on the token endpoint either.
    expect((await authkit.client('plannr', connection.id).fetch('/api/v1/contacts')).status).toBe(200);
    expect(refreshes()).toBe(1);
    h.sandbox.clock.unfreeze();
  });

  it('asks iGUIDE about an API token every day, recording what it says', async () => {
    const token = h.sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
    const connection = await h.authkit.connectStatic({ providerId: 'iguide', ownerId: 'v', credential: { kind: 'api_token', tokenId: token.id, tokenValue: token.token } });
    expect(connection.status).toBe('active');
    h.sandbox.clock.freeze();
    h.sandbox.clock.advance(DAY + 1);
    expect(await h.authkit.runMaintenance()).toMatchObject({ due: 1, verified: 1 });
    expect((await h.authkit.getConnection(connection.id))?.verifiedAt).toBe(h.sandbox.now());
    h.sandbox.clock.unfreeze();
    h.sandbox.iguide.revokeApiToken(token.id);
    h.sandbox.clock.advance(DAY + 1);
    expect(await h.authkit.runMaintenance()).toMatchObject({ due: 1, failed: 1 });
    expect(await status(connection.id)).toBe('invalid_credential');
    expect((await h.authkit.getConnection(connection.id))?.dueAt).toBeUndefined();
  });
});

describe('a connection whose maintenance throws', () => {
  it('a plain Error from one connection counts as failed; the sweep goes on and reports', async () => {
    let clock = 1_000_000;
    let broken = false;
    const provider: ProviderDefinition = {
      ...providers.apiKey({ id: 'checked', baseUrl: 'https://api.example.test', header: 'X-API-Key' }),
      verify: ({ connection }) => {
        if (broken && connection.ownerId === 'bad') return Promise.reject(new Error('a bug in the verify call'));
        return Promise.resolve({});
      },
    };
    const authkit = createAuthKit({ providers: [provider], store: new MemoryStore({ now: () => clock }), now: () => clock, maintenance: { concurrency: 2 } });
    const swept: AuthKitEvent[] = [];
    authkit.on('maintenance.swept', (event) => swept.push(event));
    for (const owner of ['a', 'bad', 'b', 'c']) {
      await authkit.connectStatic({ providerId: 'checked', ownerId: owner, credential: { kind: 'api_key', key: `key-${owner}` } });
    }
    broken = true;
    clock += DAY + 1;
    const report = await authkit.runMaintenance();
    expect(report).toMatchObject({ due: 4, verified: 3, failed: 1 });
    expect(swept).toHaveLength(1);
  });
});

describe('connection health', () => {
  it('records transient failures, cools down instead of hammering, marks the connection failing, and recovers', async () => {
    const authkit = h.makeAuthKit({ health: { cooldownMs: 10_000, failingAfterMs: 30_000 } });
    const changes: string[] = [];
    authkit.on('connection.status_changed', (event) => changes.push(`${event.from}→${event.to}`));
    const connection = await h.connectOAuth('plannr', 'flaky', authkit);
    const client = authkit.client('plannr', connection.id);
    h.sandbox.clock.freeze();
    h.sandbox.clock.advance(2 * HOUR);
    h.sandbox.faults.inject('plannr.token', { kind: '5xx' });
    try {
      expect(await caught(client.fetch('/api/v1/contacts'))).toMatchObject({ code: 'token_endpoint_error' });
      const first = (await authkit.getConnection(connection.id)) as ConnectionView;
      expect(first.health).toMatchObject({ failureCount: 1, firstFailureAt: h.sandbox.now(), lastErrorCode: 'token_endpoint_error', retryAfter: h.sandbox.now() + 10_000 });
      expect(first.dueAt).toBe(h.sandbox.now() + 10_000);

      // Within the cool-down, the request path answers at once and the endpoint is spared.
      h.sandbox.stats.reset();
      expect(await caught(client.fetch('/api/v1/contacts'))).toMatchObject({ code: 'provider_unavailable' });
      expect(h.sandbox.stats.count('plannr.token')).toBe(0);

      h.sandbox.clock.advance(40_000);
      expect(await caught(client.fetch('/api/v1/contacts'))).toMatchObject({ code: 'token_endpoint_error' });
      const failing = (await authkit.getConnection(connection.id)) as ConnectionView;
      expect(failing).toMatchObject({ status: 'failing', health: { failureCount: 2 } });
    } finally {
      h.sandbox.faults.clear('plannr.token');
    }
    h.sandbox.clock.advance(60_000);
    h.sandbox.clock.unfreeze();
    expect((await client.fetch('/api/v1/contacts')).status).toBe(200);
    const healthy = (await authkit.getConnection(connection.id)) as ConnectionView;
    expect(healthy.status).toBe('active');
    expect(healthy.health).toBeUndefined();
    expect(changes).toEqual(['active→failing', 'failing→active']);
  });
});

describe('sweep cost', () => {
  it('finds work through the due-time index: store operations follow the due connections, not all of them', async () => {
    const store = new MemoryStore({ now: () => h.sandbox.now() });
    // The store as AuthKit sees it, recording which of its methods are called (a Proxy keeps
    // it a MemoryStore, private fields and all).
    const calls: string[] = [];
    const watched = new Proxy(store, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(String(key));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    // No periodic count by status (a full listing, on its own schedule) in this sweep.
    const authkit = h.makeAuthKit({ store: watched, maintenance: { countStatusesEveryMs: 0 } });
    // 500 connections with nothing to maintain (API keys without a verify call), one due.
    for (let i = 0; i < 500; i++) {
      await authkit.connectStatic({ providerId: 'cc-query', ownerId: `bulk-${i}`, credential: { kind: 'api_key', key: `key-${i}` } });
    }
    expect(await store.list()).toHaveLength(500);
    const due = await h.connectOAuth('plannr', 'due-one', authkit);
    h.sandbox.clock.advance(170 * DAY);
    calls.length = 0;
    const report = await authkit.runMaintenance();
    // One index read, then lock, read and release of the single due connection.
    expect(report).toMatchObject({ due: 1, refreshed: 1, storeOperations: 4 });
    expect(calls).toContain('listDue');
    expect(calls).not.toContain('list');
    expect((await authkit.getConnection(due.id))?.refreshTokenExpiresAt).toBeGreaterThan(h.sandbox.now());
  });
});
