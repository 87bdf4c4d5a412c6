// quickstart.mjs: every connect flow of @authkit/core against the local sandbox, offline.
//   npm i @authkit/core @authkit/sandbox && node quickstart.mjs
import { createAuthKit, providers } from '@authkit/core';
import { DEMO_CLIENTS, startSandbox } from '@authkit/sandbox';

const sandbox = await startSandbox({ port: 0, autoApprove: true });
const redirectUri = 'http://127.0.0.1:3000/callback/plannr';
sandbox.addRedirectUri('plannr', DEMO_CLIENTS.plannr.clientId, redirectUri);

const authkit = createAuthKit({
  providers: [
    providers.iguide({ baseUrl: sandbox.endpoints.iguide.baseUrl }),
    providers.plannr({ ...sandbox.endpoints.plannr, ...DEMO_CLIENTS.plannr, redirectUri }),
    providers.planday({ ...sandbox.endpoints.planday, clientId: DEMO_CLIENTS.planday.clientId }),
  ],
  now: () => sandbox.now(), // share the sandbox clock, so moving it expires tokens for both sides
});
authkit.on('token.refreshed', (event) => console.log(`event: ${event.type} for ${event.connectionId}`));

// 1. iGUIDE API token (token id + value), verified with POST /integrations/test.
const apiToken = sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
const iguide = await authkit.connectStatic({
  providerId: 'iguide',
  ownerId: 'user-1',
  credential: { kind: 'api_token', tokenId: apiToken.id, tokenValue: apiToken.token },
});
const list = await authkit.client('iguide', iguide.id).fetch('/iguides');
console.log('iGUIDE:', (await list.json()).data.map((i) => i.alias).join(', '));

// 2. Plannr OAuth2 authorization code flow (state + PKCE), then a signed request.
const { url } = await authkit.startAuthorization({ providerId: 'plannr', ownerId: 'user-1' });
const callback = (await fetch(url, { redirect: 'manual' })).headers.get('location'); // the browser's job
const { connection } = await authkit.completeAuthorization({ providerId: 'plannr', ownerId: 'user-1', callback });
const contacts = await authkit.client('plannr', connection.id).fetch('/api/v1/contacts');
console.log('Plannr account:', connection.metadata.accountName, '- contacts:', (await contacts.json()).data.length);

// 3. Planday: a refresh token pasted from a portal's API Access page, exchanged at once.
const { refreshToken } = sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId: DEMO_CLIENTS.planday.clientId });
const portal = await authkit.connectRefreshToken({ providerId: 'planday', ownerId: 'tenant-1', label: 'portal-1', refreshToken });
const departments = await authkit.client('planday', portal.id).fetch('/hr/v1/Departments');
console.log('Planday departments:', (await departments.json()).data.map((d) => d.name).join(', '));

// 4. Time passes: the next call refreshes first (once, however many calls are in flight).
sandbox.clock.advance(2 * 60 * 60 * 1000);
await authkit.client('planday', portal.id).fetch('/hr/v1/Departments');

console.log('connections:', (await authkit.listConnections()).map((c) => `${c.providerId}/${c.status}`).join(', '));
await authkit.disconnect(portal.id); // revokes at Planday's /connect/revocation, then deletes
await sandbox.close();
