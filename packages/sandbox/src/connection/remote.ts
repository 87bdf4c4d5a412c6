import type { DEMO_CLIENTS } from '../data';
import type { SandboxEndpoints, StartSandboxOptions } from '../sandbox-types';
import { startSandbox } from '../sandbox';
import { adminRequest, isObject, stringField } from './admin-request';
import { connectionTo } from './in-process';
import type { SandboxConnection } from './types';

/**
 * Connects to a sandbox that is already running — in another process, started with
 * `authkit-sandbox` or by a test runner — through its admin HTTP API (`${url}/__sandbox`).
 * Fails at once, naming the URL, when nothing answers there.
 *
 * @example
 * const sandbox = await connectSandbox(process.env.SANDBOX_URL!);
 * const { token } = await sandbox.plannr.createPersonalAccessToken();
 */
export async function connectSandbox(url: string): Promise<SandboxConnection> {
  const base = url.replace(/\/+$/, '');
  const info = await adminRequest(base, 'connectSandbox', 'GET', '');
  if (!isObject(info.endpoints) || !isObject(info.demoClients)) throw new Error(`Sandbox admin connectSandbox: ${base}/__sandbox is not a sandbox admin API`);
  // The sandbox's own description of itself: same types as the in-process values.
  const endpoints = info.endpoints as unknown as SandboxEndpoints;
  const demoClients = info.demoClients as unknown as typeof DEMO_CLIENTS;
  const post = (name: string, path: string, body: Record<string, unknown> = {}) => adminRequest(base, name, 'POST', path, body);

  return {
    url: base,
    endpoints,
    demoClients,
    addRedirectUri: async (provider, clientId, uri) => {
      await post('addRedirectUri', `/clients/${encodeURIComponent(provider)}/${encodeURIComponent(clientId)}/redirect-uris`, { uri });
    },
    iguide: {
      createApiToken: async (input) => {
        const name = 'iguide.createApiToken';
        const a = await post(name, '/iguide/api-tokens', { ...input });
        const scopes = Array.isArray(a.scopes) ? a.scopes.filter((s): s is string => typeof s === 'string') : [];
        return {
          id: stringField(a, 'id', name),
          token: stringField(a, 'token', name),
          tokenHint: stringField(a, 'tokenHint', name),
          expiresAt: stringField(a, 'expiresAt', name),
          createdAt: stringField(a, 'createdAt', name),
          scopes,
        };
      },
    },
    plannr: {
      createPersonalAccessToken: async (input = {}) => {
        const name = 'plannr.createPersonalAccessToken';
        const a = await post(name, '/plannr/personal-access-tokens', { ...input });
        return { token: stringField(a, 'token', name), expiresAt: stringField(a, 'expiresAt', name) };
      },
    },
    planday: {
      createPortal: async (input) => {
        const name = 'planday.createPortal';
        const a = await post(name, '/planday/portals', { ...input });
        return { portalId: stringField(a, 'portalId', name), name: stringField(a, 'name', name) };
      },
      mintRefreshToken: async (input) => {
        const name = 'planday.mintRefreshToken';
        const a = await post(name, '/planday/refresh-tokens', { ...input });
        return { refreshToken: stringField(a, 'refreshToken', name) };
      },
    },
    oauth2: {
      createPersonalAccessToken: async (input = {}) => {
        const name = 'oauth2.createPersonalAccessToken';
        const a = await post(name, '/oauth2/personal-access-tokens', { ...input });
        const scopes = Array.isArray(a.scopes) ? a.scopes.filter((s): s is string => typeof s === 'string') : [];
        return { token: stringField(a, 'token', name), scopes };
      },
    },
    clientCredentials: {
      createApiKey: async () => {
        const name = 'clientCredentials.createApiKey';
        return { key: stringField(await post(name, '/client-credentials/api-keys'), 'key', name) };
      },
      revokeApiKey: async (key) => {
        // The key is part of the path: error messages show `:key` instead.
        const path = `/client-credentials/api-keys/${encodeURIComponent(key)}`;
        const a = await adminRequest(base, 'clientCredentials.revokeApiKey', 'DELETE', path, undefined, '/client-credentials/api-keys/:key');
        return a.revoked === true;
      },
    },
    revokeGrants: async (provider, filter = {}) => {
      const a = await post('revokeGrants', '/grants/revoke', { provider, ...filter });
      return typeof a.revoked === 'number' ? a.revoked : 0;
    },
    clock: {
      advance: async (ms) => {
        const a = await post('clock.advance', '/clock/advance', { ms });
        if (typeof a.now !== 'number') throw new Error('Sandbox admin clock.advance: the answer has no number "now"');
        return a.now;
      },
    },
    // Not ours to stop: the process that started the sandbox owns it.
    close: async () => {},
  };
}

/** Options of {@link startOrConnectSandbox}. */
export interface StartOrConnectOptions extends StartSandboxOptions {
  /** A running sandbox to connect to (e.g. `process.env.SANDBOX_URL`); without it one is started here. */
  url?: string | undefined;
}

/**
 * Connects to the sandbox at `url` when one is given, else starts one in this process
 * (`port`, `host`, `autoApprove` as for `startSandbox`). Either way the caller gets the same
 * {@link SandboxConnection}; `close()` stops only a sandbox it started.
 */
export async function startOrConnectSandbox(options: StartOrConnectOptions = {}): Promise<SandboxConnection> {
  const { url, ...start } = options;
  if (url) return connectSandbox(url);
  return connectionTo(await startSandbox(start));
}
