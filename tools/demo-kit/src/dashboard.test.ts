// The demo credentials and the dashboard's view model against a real sandbox and AuthKit.
import { createAuthKit, type AuthKit } from '@authkit/core';
import { connectionTo, startSandbox, type Sandbox, type SandboxConnection } from '@authkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DemoCredentialBank } from './credential-bank';
import { buildDashboard } from './dashboard/build';
import { EventLog } from './events';
import { demoProviders } from './providers';
import { dashboardPage } from './views/pages';

let server: Sandbox;
let sandbox: SandboxConnection;
let authkit: AuthKit;
let bank: DemoCredentialBank;
const events = new EventLog();

beforeAll(async () => {
  server = await startSandbox({ port: 0 });
  sandbox = connectionTo(server);
  authkit = createAuthKit({ providers: demoProviders(sandbox) });
  events.attach(authkit);
  bank = new DemoCredentialBank(sandbox);
});
afterAll(() => server.close());

const dashboard = (user: string, query = '') =>
  buildDashboard({ title: 'Demo', authkit, user, basePath: '/connections', sandboxUrl: sandbox.url, bank, events, query: new URLSearchParams(query) });

describe('DemoCredentialBank', () => {
  it('mints once per user, and one Planday portal per user', async () => {
    let portals = 0;
    let pats = 0;
    const counted: SandboxConnection = {
      ...sandbox,
      planday: { ...sandbox.planday, createPortal: (input) => (portals++, sandbox.planday.createPortal(input)) },
      plannr: { createPersonalAccessToken: (input) => (pats++, sandbox.plannr.createPersonalAccessToken(input)) },
    };
    const counting = new DemoCredentialBank(counted);
    const first = await counting.credentials('ann');
    expect(await counting.credentials('ann')).toBe(first);
    expect([portals, pats]).toEqual([1, 1]);
    expect(first.iguideApiToken?.scopes).toEqual(['iguide.list', 'iguide.ro']);
    expect(Date.parse(first.iguideApiToken!.expiresAt)).toBeGreaterThan(Date.now());
    // A new refresh token for the same portal; a new user gets a portal of their own.
    await counting.renew('ann', 'plandayRefreshToken');
    expect((await counting.credentials('ann')).plandayRefreshToken).not.toBe(first.plandayRefreshToken);
    expect(portals).toBe(1);
    expect(await counting.credentials('ben')).not.toEqual(first);
    expect([portals, pats]).toEqual([2, 2]);
  });

  it('holds back a credential that backs a connection, until a new one is minted', async () => {
    const { plannrPat } = await bank.credentials('cat');
    await authkit.connectStatic({ providerId: 'plannr', ownerId: 'cat', label: 'pat', credential: { kind: 'personal_access_token', token: plannrPat! } });
    const connections = await authkit.listConnections({ ownerId: 'cat' });
    const visible = await bank.visible('cat', authkit, connections);
    expect(visible.shown.plannrPat).toBeUndefined();
    expect(visible.inUse).toEqual({ plannrPat: 'pat' });
    expect(visible.shown.apiKey).toBeDefined();

    await bank.renew('cat', 'plannrPat');
    const renewed = await bank.visible('cat', authkit, connections);
    expect(renewed.shown.plannrPat).toMatch(/\S{10,}/);
    expect(renewed.shown.plannrPat).not.toBe(plannrPat);
    expect(renewed.inUse).toEqual({});
  });
});

describe('buildDashboard', () => {
  it('shows a card per connection with words, a timeline, events and its actions, and no live secret in the HTML', async () => {
    const { apiKey } = await bank.credentials('dan');
    await authkit.connectStatic({ providerId: 'server-api', ownerId: 'dan', label: 'api-key', credential: { kind: 'api_key', key: apiKey! } });
    const view = await dashboard('dan', 'authkit=connected&authkit_provider=server-api');
    expect(view.notice).toEqual({ tone: 'success', text: 'Server API connected.' });
    const card = view.systems.find((s) => s.id === 'server-api')!.connections[0]!;
    expect(card).toMatchObject({ testId: 'connection-server-api-api-key', method: 'API key', status: { text: 'active', tone: 'ok' } });
    expect(card.timeline.map((item) => item.text)).toContain('no expiry');
    expect(card.events.map((e) => e.text)).toEqual(['connected']);
    expect(card.verify?.action).toBe('/demo/verify');
    expect(card.refresh).toBeUndefined();
    expect(card.reconnect).toBeUndefined();
    expect(card.disconnect.action).toBe('/connections/server-api/disconnect');
    expect(dashboardPage(view)).not.toContain(apiKey);
  });

  it('makes the "Call API" request for `call=<id>` and shows the status it leads to', async () => {
    const { apiKey } = await bank.credentials('eve');
    const connection = await authkit.connectStatic({ providerId: 'server-api', ownerId: 'eve', label: 'api-key', credential: { kind: 'api_key', key: apiKey! } });
    await sandbox.clientCredentials.revokeApiKey(apiKey!);
    const view = await dashboard('eve', `call=${connection.id}`);
    const card = view.systems.find((s) => s.id === 'server-api')!.connections[0]!;
    expect(card.result).toMatchObject({ request: 'GET v1/data', ok: false, body: "Server API rejected the connection's credentials. Reconnect Server API." });
    expect(card.status.text).toBe('credential refused');
    expect(card.reconnect).toMatchObject({ kind: 'form', form: { action: '/connections/server-api/reconnect' } });
    // Someone else's connection id is not called.
    const other = await dashboard('fay', `call=${connection.id}`);
    expect(other.systems.flatMap((s) => s.connections)).toEqual([]);
  });

  it('words a flow error with core and escapes everything it renders', async () => {
    const view = await dashboard('<gus>', 'authkit_error=authorization_denied&authkit_provider=plannr');
    expect(view.notice).toEqual({ tone: 'error', text: 'Plannr did not authorize the connection. Start connecting Plannr again if that was a mistake.' });
    const page = dashboardPage(view);
    expect(page).toContain('&lt;gus&gt;');
    expect(page).not.toContain('<gus>');
  });
});
