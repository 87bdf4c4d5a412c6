import type { SandboxConnection } from '@authkit/sandbox';

/** Credentials the sandbox minted for the dashboard, shown so a person can paste them. */
export interface DemoCredentials {
  iguideApiToken?: { id: string; token: string };
  plannrPat?: string;
  plandayRefreshToken?: string;
  apiKey?: string;
}

/**
 * Mints one of each pasteable credential: an iGUIDE API token pair, a Plannr PAT, the refresh
 * token of a new Planday portal (a new portal each time, as a second tenant would be) and an API key.
 */
export async function mintDemoCredentials(sandbox: SandboxConnection, portalName = 'Demo portal'): Promise<DemoCredentials> {
  const token = await sandbox.iguide.createApiToken({ scopes: ['iguide.list', 'iguide.ro'] });
  const pat = await sandbox.plannr.createPersonalAccessToken();
  const portal = await sandbox.planday.createPortal({ name: portalName });
  const refresh = await sandbox.planday.mintRefreshToken({ portalId: portal.portalId, clientId: sandbox.demoClients.planday.clientId });
  const key = await sandbox.clientCredentials.createApiKey();
  return { iguideApiToken: { id: token.id, token: token.token }, plannrPat: pat.token, plandayRefreshToken: refresh.refreshToken, apiKey: key.key };
}
