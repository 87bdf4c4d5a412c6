import type { AddressInfo } from 'node:net';
import { adminRoutes } from './admin';
import { SandboxClock } from './clock';
import { DEMO_CLIENT_SCOPES, DEMO_CLIENTS, defaultData } from './data';
import { FaultInjector } from './faults';
import { ClientRegistry } from './oauth/clients';
import { CodeStore } from './oauth/codes';
import { TokenStore } from './oauth/tokens';
import { createClientCredentials } from './providers/client-credentials';
import { createIguide } from './providers/iguide';
import { createOAuth2 } from './providers/oauth2';
import { createPlanday } from './providers/planday';
import { createPlannr } from './providers/plannr';
import { FixedWindowLimiter } from './rate-limit';
import { Router } from './router';
import { createSandboxServer } from './server';
import { defaultSettings } from './settings';
import type { Sandbox, SandboxEndpoints, StartSandboxOptions } from './sandbox-types';
import type { SandboxState } from './state';
import { Stats } from './stats';
import type { ProviderId } from './types';

function endpointsFor(url: string): SandboxEndpoints {
  return {
    iguide: { baseUrl: `${url}/iguide/api/v1`, authorizationEndpoint: `${url}/iguide/oauth/authorize`, tokenEndpoint: `${url}/iguide/oauth/token` },
    plannr: { baseUrl: `${url}/plannr`, authorizationEndpoint: `${url}/plannr/oauth/authorize`, tokenEndpoint: `${url}/plannr/oauth/token` },
    planday: {
      baseUrl: `${url}/planday/api`,
      authorizationEndpoint: `${url}/planday/id/connect/authorize`,
      tokenEndpoint: `${url}/planday/id/connect/token`,
      revocationEndpoint: `${url}/planday/id/connect/revocation`,
      issuer: `${url}/planday/id`,
      jwksUri: `${url}/planday/id/.well-known/openid-configuration/jwks`,
    },
    oauth2: {
      baseUrl: `${url}/oauth2-api`,
      authorizationEndpoint: `${url}/oauth2-api/oauth/authorize`,
      tokenEndpoint: `${url}/oauth2-api/oauth/token`,
      revocationEndpoint: `${url}/oauth2-api/oauth/revoke`,
      issuer: `${url}/oauth2-api`,
    },
    clientCredentials: { baseUrl: `${url}/cc-api`, tokenEndpoint: `${url}/cc-api/oauth2/token` },
    admin: `${url}/__sandbox`,
  };
}

/**
 * Starts a sandbox on localhost emulating iGUIDE Portal, Plannr, Planday and two generic APIs.
 *
 * @example
 * const sandbox = await startSandbox({ port: 0, autoApprove: true });
 * sandbox.addRedirectUri('plannr', DEMO_CLIENTS.plannr.clientId, 'http://localhost:3000/callback');
 * // … point your client at sandbox.endpoints.plannr …
 * await sandbox.close();
 */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
  const state: SandboxState = {
    baseUrl: '',
    clock: new SandboxClock(),
    settings: defaultSettings(options.autoApprove ?? false),
    clients: new ClientRegistry(),
    tokens: new TokenStore(),
    codes: new CodeStore(),
    faults: new FaultInjector(),
    stats: new Stats(),
    limiter: new FixedWindowLimiter(),
    data: defaultData(),
  };
  for (const [provider, demo] of Object.entries(DEMO_CLIENTS) as [ProviderId, { clientId: string; clientSecret?: string }][]) {
    const scopes = DEMO_CLIENT_SCOPES[provider];
    state.clients.register({ provider, ...demo, redirectUris: [], name: `${provider} demo app`, ...(scopes ? { scopes } : {}) });
  }

  const iguide = createIguide(state);
  const plannr = createPlannr(state);
  const planday = createPlanday(state);
  const oauth2 = createOAuth2(state);
  const clientCredentials = createClientCredentials(state);

  const router = new Router('');
  const server = createSandboxServer(state, router);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  state.baseUrl = url;

  let closing: Promise<void> | undefined;
  const sandbox: Sandbox = {
    url,
    endpoints: endpointsFor(url),
    demoClients: DEMO_CLIENTS,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
    now: () => state.clock.now(),
    clock: state.clock,
    settings: state.settings,
    registerClient: (client) => state.clients.register(client),
    addRedirectUri: (provider, clientId, uri) => state.clients.addRedirectUri(provider, clientId, uri),
    iguide: {
      createApiToken: (input) => {
        if (!Array.isArray(input?.scopes) || input.scopes.some((s) => typeof s !== 'string')) throw new TypeError('scopes must be an array of strings');
        return iguide.apiTokens.create(input);
      },
      rotateApiToken: (id, grace) => iguide.apiTokens.rotate(id, grace),
      revokeApiToken: (id) => iguide.apiTokens.revoke(id),
      rotateClientSecret: (clientId) => iguide.rotateClientSecret(clientId),
    },
    revokeGrants: (provider, filter = {}) => state.tokens.revokeGrants({ ...filter, provider }),
    plannr: plannr.admin,
    planday: planday.admin,
    oauth2: oauth2.admin,
    clientCredentials: clientCredentials.admin,
    faults: state.faults,
    stats: { count: (key, filter) => state.stats.count(key, filter), reset: () => state.stats.reset() },
    requests: state.stats.requests,
  };

  for (const route of [...iguide.routes, ...plannr.routes, ...planday.routes, ...oauth2.routes, ...clientCredentials.routes, ...adminRoutes(sandbox)]) {
    router.add(route);
  }
  return sandbox;
}
