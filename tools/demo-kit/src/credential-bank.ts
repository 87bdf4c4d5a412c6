import { Secret, type AuthKit, type ConnectionRecord, type ConnectionView } from '@authkit/core';
import type { SandboxConnection } from '@authkit/sandbox';
import { DEMO_CREDENTIAL_KINDS, mintDemoCredential, type DemoCredentialKind, type DemoCredentials } from './credentials';

/** What the dashboard may show of a user's demo credentials. */
export interface ShownCredentials {
  /** Credentials that back no connection: safe to show. */
  shown: DemoCredentials;
  /** Kinds held back because a connection uses them (or did): the label of that connection. */
  inUse: Partial<Record<DemoCredentialKind, string>>;
}

interface Wallet {
  credentials: Promise<DemoCredentials>;
  /** Kinds seen backing a connection: never shown again, even after that connection is gone. */
  spent: Map<DemoCredentialKind, string>;
  portalId?: Promise<string>;
}

/**
 * Demo credentials per signed-in user: minted once at first sight (not on every page load,
 * which filled the sandbox with portals and grants), renewed one kind at a time on request.
 * A credential that backs a connection — compared server-side with the stored record, secret
 * against secret — is never shown again: a page must not display a live secret.
 */
export class DemoCredentialBank {
  readonly #wallets = new Map<string, Wallet>();

  constructor(private readonly sandbox: SandboxConnection) {}

  #wallet(user: string): Wallet {
    let wallet = this.#wallets.get(user);
    if (wallet === undefined) {
      const created: Wallet = { credentials: Promise.resolve({}), spent: new Map() };
      created.credentials = this.#mintAll(created).catch((error: unknown) => {
        // A sandbox that was down: try again on the next page load.
        this.#wallets.delete(user);
        throw error;
      });
      wallet = created;
      this.#wallets.set(user, wallet);
    }
    return wallet;
  }

  async #mintAll(wallet: Wallet): Promise<DemoCredentials> {
    const parts = await Promise.all(DEMO_CREDENTIAL_KINDS.map((kind) => mintDemoCredential(this.sandbox, kind, () => this.#portal(wallet))));
    return Object.assign({}, ...parts) as DemoCredentials;
  }

  /** One Planday portal per user: its refresh tokens are what that user pastes. */
  #portal(wallet: Wallet): Promise<string> {
    wallet.portalId ??= this.sandbox.planday.createPortal({ name: 'Demo portal' }).then((portal) => portal.portalId);
    return wallet.portalId;
  }

  /** The user's demo credentials, minted on first call. */
  credentials(user: string): Promise<DemoCredentials> {
    return this.#wallet(user).credentials;
  }

  /** Mints a new credential of one kind for the user ("mint a new demo credential"). */
  async renew(user: string, kind: DemoCredentialKind): Promise<void> {
    const wallet = this.#wallet(user);
    const current = await wallet.credentials;
    const fresh = await mintDemoCredential(this.sandbox, kind, () => this.#portal(wallet));
    wallet.credentials = Promise.resolve({ ...current, ...fresh });
    wallet.spent.delete(kind);
  }

  /**
   * What may be shown to the user, given their connections: each demo credential is compared
   * with every stored record of theirs (`Secret.equals`, on the server; nothing is revealed).
   */
  async visible(user: string, authkit: AuthKit, connections: readonly ConnectionView[]): Promise<ShownCredentials> {
    const wallet = this.#wallet(user);
    const credentials = await wallet.credentials;
    const records = (await Promise.all(connections.map((c) => authkit.readConnectionRecord(c.id)))).filter((r): r is ConnectionRecord => r !== undefined);
    for (const kind of DEMO_CREDENTIAL_KINDS) {
      const backing = records.find((record) => backs(record, kind, credentials));
      if (backing !== undefined) wallet.spent.set(kind, backing.label ?? backing.providerId);
    }
    const shown: DemoCredentials = {};
    for (const kind of DEMO_CREDENTIAL_KINDS) {
      if (!wallet.spent.has(kind) && credentials[kind] !== undefined) Object.assign(shown, { [kind]: credentials[kind] });
    }
    return { shown, inUse: Object.fromEntries(wallet.spent) };
  }
}

/** True when the record holds the demo credential of this kind. */
function backs(record: ConnectionRecord, kind: DemoCredentialKind, credentials: DemoCredentials): boolean {
  const c = record.credential;
  switch (kind) {
    case 'iguideApiToken': {
      const token = credentials.iguideApiToken;
      return token !== undefined && c.kind === 'api_token' && c.tokenValue.equals(new Secret(token.token));
    }
    case 'plannrPat':
    case 'oauth2Pat': {
      const value = credentials[kind];
      return value !== undefined && c.kind === 'personal_access_token' && c.token.equals(new Secret(value));
    }
    case 'plandayRefreshToken': {
      const value = credentials.plandayRefreshToken;
      return value !== undefined && c.kind === 'oauth2' && c.refreshToken !== undefined && c.refreshToken.equals(new Secret(value));
    }
    case 'apiKey': {
      const value = credentials.apiKey;
      return value !== undefined && c.kind === 'api_key' && c.key.equals(new Secret(value));
    }
  }
}
