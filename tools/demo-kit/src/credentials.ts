import type { SandboxConnection } from '@authkit/sandbox';

/** An iGUIDE API token as iGUIDE shows it once, at creation: id, value, expiry and scopes. */
export interface DemoApiToken {
  id: string;
  token: string;
  /** ISO 8601, as iGUIDE shows it. */
  expiresAt: string;
  scopes: string[];
}

/** Credentials the sandbox minted for a signed-in user, shown so a person can paste them. */
export interface DemoCredentials {
  iguideApiToken?: DemoApiToken;
  plannrPat?: string;
  plandayRefreshToken?: string;
  oauth2Pat?: string;
  apiKey?: string;
}

/** One pasteable demo credential. */
export type DemoCredentialKind = keyof DemoCredentials;

export const DEMO_CREDENTIAL_KINDS: readonly DemoCredentialKind[] = ['iguideApiToken', 'plannrPat', 'plandayRefreshToken', 'oauth2Pat', 'apiKey'];

export function isDemoCredentialKind(value: unknown): value is DemoCredentialKind {
  return (DEMO_CREDENTIAL_KINDS as readonly unknown[]).includes(value);
}

/** Mints one credential of a kind. Planday's refresh token is for the user's own demo portal. */
export async function mintDemoCredential(sandbox: SandboxConnection, kind: DemoCredentialKind, plandayPortalId: () => Promise<string>): Promise<DemoCredentials> {
  switch (kind) {
    case 'iguideApiToken': {
      const { id, token, expiresAt, scopes } = await sandbox.iguide.createApiToken({ scopes: ['iguide.list', 'iguide.ro'] });
      return { iguideApiToken: { id, token, expiresAt, scopes } };
    }
    case 'plannrPat':
      return { plannrPat: (await sandbox.plannr.createPersonalAccessToken()).token };
    case 'plandayRefreshToken': {
      const portalId = await plandayPortalId();
      return { plandayRefreshToken: (await sandbox.planday.mintRefreshToken({ portalId, clientId: sandbox.demoClients.planday.clientId })).refreshToken };
    }
    case 'oauth2Pat':
      return { oauth2Pat: (await sandbox.oauth2.createPersonalAccessToken()).token };
    case 'apiKey':
      return { apiKey: (await sandbox.clientCredentials.createApiKey()).key };
  }
}
