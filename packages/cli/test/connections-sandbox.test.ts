import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthKit, createKeyRing, isAuthKitError } from '@authkit/core';
import type { AuthKit, AuthKitOptions, ConnectionView } from '@authkit/core';
import { createFileStore, type FileStore } from '@authkit/store-file';
import { startSandbox, type Sandbox } from '@authkit/sandbox';
import { sandboxProviderConfigs } from '../src/sandbox/provider-config';
import { renderConfigModule } from '../src/sandbox/render-config';
import { newKey, tempDirectory, writeConfigModule } from './support/fixtures';
import { jsonErrorOf, jsonOf, runAuthkit, transcript } from './support/run-authkit';
import { expectNoSecretIn } from './support/secrets';

/**
 * refresh, verify and disconnect go to the emulated providers over real HTTP: the sandbox runs
 * in this process, the CLI in a child process, and both share an encrypted file store.
 */
describe('connections refresh / verify / disconnect against the sandbox', () => {
  const key = newKey('k1');
  const env = { AUTHKIT_ENCRYPTION_KEY: key.entry };
  const secrets: string[] = [key.secret];
  let sandbox: Sandbox;
  let dir: ReturnType<typeof tempDirectory>;
  let config: ReturnType<typeof writeConfigModule>;
  let plannrOnly: ReturnType<typeof writeConfigModule>;
  let store: FileStore;
  let app: AuthKit;
  let storeUrl: string;
  const ids = { portalA: '', portalB: '', iguide: '', plannr: '' };
  let portalBRefreshToken = '';

  /** Remembers every secret the store holds now, for the final scan. */
  async function collectSecrets(): Promise<void> {
    for (const record of await store.list()) {
      const credential = record.credential;
      if (credential.kind === 'oauth2') secrets.push(credential.accessToken.reveal(), ...(credential.refreshToken ? [credential.refreshToken.reveal()] : []));
      if (credential.kind === 'api_token') secrets.push(credential.tokenValue.reveal());
      if (credential.kind === 'personal_access_token') secrets.push(credential.token.reveal());
      if (credential.kind === 'api_key') secrets.push(credential.key.reveal());
    }
  }

  const cli = (...args: string[]) => runAuthkit([...args, '--store', storeUrl, '--config', config.path], { env });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    for (const client of Object.values(sandbox.demoClients)) if ('clientSecret' in client) secrets.push(client.clientSecret);
    // The configuration `authkit sandbox --show-secrets` prints, saved as the user would save it.
    const configs = sandboxProviderConfigs(sandbox.endpoints, sandbox.demoClients);
    // No cool-down after a failed refresh (core's default is 5 s): the test retries at once.
    const noCooldown = (source: string): string => source.replace('export default {', 'export default {\n  health: { cooldownMs: 0 },');
    config = writeConfigModule(noCooldown(renderConfigModule(configs, true)));
    plannrOnly = writeConfigModule(renderConfigModule(configs.filter((c) => c.id === 'plannr'), true));
    dir = tempDirectory('sandbox');
    storeUrl = `file:${dir.directory}`;
    store = createFileStore({ directory: dir.directory, keyRing: createKeyRing({ keys: [key] }) });
    const options = (await import(config.path)) as { default: AuthKitOptions };
    app = createAuthKit({ providers: options.default.providers, store });

    const portalA = sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId: sandbox.demoClients.planday.clientId });
    const portalB = sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId: sandbox.demoClients.planday.clientId });
    portalBRefreshToken = portalB.refreshToken;
    const iguideToken = sandbox.iguide.createApiToken({ scopes: ['iguide.list'] });
    const pat = sandbox.plannr.createPersonalAccessToken();
    secrets.push(portalA.refreshToken, portalB.refreshToken, iguideToken.token, pat.token);
    ids.portalA = (await app.connectRefreshToken({ providerId: 'planday', ownerId: 'tenant-1', refreshToken: portalA.refreshToken, label: 'a' })).id;
    ids.portalB = (await app.connectRefreshToken({ providerId: 'planday', ownerId: 'tenant-1', refreshToken: portalB.refreshToken, label: 'b' })).id;
    ids.iguide = (
      await app.connectStatic({ providerId: 'iguide', ownerId: 'user-1', credential: { kind: 'api_token', tokenId: iguideToken.id, tokenValue: iguideToken.token } })
    ).id;
    ids.plannr = (await app.connectStatic({ providerId: 'plannr', ownerId: 'user-1', credential: { kind: 'personal_access_token', token: pat.token } })).id;
    await collectSecrets();
  });

  afterAll(async () => {
    await store?.close();
    await sandbox?.close();
    config?.remove();
    plannrOnly?.remove();
    dir?.remove();
  });

  it('refreshes a Planday connection at the token endpoint: new access token, version + 1', async () => {
    const before = (await store.get(ids.portalA))!;
    const refreshesBefore = sandbox.stats.count('planday.token', { grantType: 'refresh_token' });
    const run = await cli('connections', 'refresh', ids.portalA, '--json');
    expect(run.code).toBe(0);
    const result = jsonOf<{ refreshed: boolean; connection: ConnectionView }>(run);
    expect(result.refreshed).toBe(true);
    expect(result.connection).toMatchObject({ id: ids.portalA, providerId: 'planday', status: 'active', version: before.version + 1, credentialKind: 'oauth2' });
    expect(sandbox.stats.count('planday.token', { grantType: 'refresh_token' })).toBe(refreshesBefore + 1);
    const after = (await store.get(ids.portalA))!;
    expect(after.credential.kind === 'oauth2' && before.credential.kind === 'oauth2' && after.credential.accessToken.equals(before.credential.accessToken)).toBe(false);
    await collectSecrets();

    const human = await cli('connections', 'refresh', ids.portalA);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`^Refreshed ${ids.portalA} \\(planday\\): new access token, expires in (59|60)m; version ${before.version + 1} → ${before.version + 2}`));
    await collectSecrets();
  });

  it('verifies an iGUIDE API token with the provider (POST /integrations/test)', async () => {
    const calls = sandbox.stats.count('iguide.api');
    const run = await cli('connections', 'verify', ids.iguide, '--json');
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toMatchObject({ verified: true, connectionId: ids.iguide, providerId: 'iguide' });
    expect(sandbox.stats.count('iguide.api')).toBe(calls + 1);
    const human = await cli('connections', 'verify', ids.iguide);
    expect(human.stdout).toMatch(/^Verified .* \(iguide\): the provider accepted the credential/);
  });

  it('exits 9 when there is nothing to verify (Planday has no verify call) or refresh with (a Plannr PAT)', async () => {
    const [verify, refresh] = await Promise.all([cli('connections', 'verify', ids.portalA, '--json'), cli('connections', 'refresh', ids.plannr, '--json')]);
    expect(verify.code).toBe(9);
    expect(jsonErrorOf(verify).code).toBe('unsupported');
    expect(refresh.code).toBe(9);
    expect(jsonErrorOf(refresh).code).toBe('unsupported');
  });

  it('verifies a Plannr PAT with Plannr\'s own check (GET /api/v1/logins)', async () => {
    const run = await cli('connections', 'verify', ids.plannr);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Verified .* \(plannr\): the provider accepted the credential/);
  });

  it('exits 3 without --config, or when the config lacks the connection’s provider', async () => {
    const [noConfig, wrongConfig, badConfig] = await Promise.all([
      runAuthkit(['connections', 'refresh', ids.portalA, '--store', storeUrl], { env }),
      runAuthkit(['connections', 'verify', ids.iguide, '--store', storeUrl, '--config', plannrOnly.path, '--json'], { env }),
      runAuthkit(['connections', 'refresh', ids.portalA, '--store', storeUrl, '--config', 'missing.mjs'], { env }),
    ]);
    expect(noConfig.code).toBe(3);
    expect(noConfig.stderr).toContain('--config');
    expect(wrongConfig.code).toBe(3);
    expect(jsonErrorOf(wrongConfig).message).toContain("provider 'iguide'");
    expect(badConfig.code).toBe(3);
  });

  it('exits 7 while the token endpoint fails (try later), and the connection stays usable', async () => {
    sandbox.faults.inject('planday.token', { kind: '5xx' });
    try {
      const run = await cli('connections', 'refresh', ids.portalA, '--json');
      expect(run.code).toBe(7);
      expect(jsonErrorOf(run).code).toBe('token_endpoint_error');
    } finally {
      sandbox.faults.clear();
    }
    const show = jsonOf<{ connection: ConnectionView }>(await cli('connections', 'show', ids.portalA, '--json'));
    expect(['active', 'failing']).toContain(show.connection.status);
    expect(show.connection.health).toMatchObject({ lastErrorCode: expect.any(String) });
    expect(show.connection.health!.failureCount).toBeGreaterThan(0);
    expect((await cli('connections', 'refresh', ids.portalA)).code).toBe(0);
    await collectSecrets();
  });

  it('exits 6 when the provider rejects the credential (a revoked iGUIDE token)', async () => {
    const view = (await app.getConnection(ids.iguide))!;
    const record = (await store.get(view.id))!;
    if (record.credential.kind !== 'api_token') throw new Error('expected an API token');
    expect(sandbox.iguide.revokeApiToken(record.credential.tokenId)).toBe(true);
    const run = await cli('connections', 'verify', ids.iguide, '--json');
    expect(run.code).toBe(6);
    expect(['invalid_credential', 'unauthenticated']).toContain(jsonErrorOf(run).code);
  });

  it('disconnects with revocation at Planday: the grant is dead at the provider and the connection gone', async () => {
    const revocations = sandbox.stats.count('planday.revocation');
    const run = await cli('connections', 'disconnect', ids.portalB, '--json');
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({ connectionId: ids.portalB, providerId: 'planday', removed: true, revoked: true });
    expect(sandbox.stats.count('planday.revocation')).toBe(revocations + 1);
    // The portal's refresh token no longer works at the provider.
    const probe = await fetch(sandbox.endpoints.planday.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: portalBRefreshToken, client_id: sandbox.demoClients.planday.clientId }),
    });
    expect(probe.status).toBe(400);
    expect((await cli('connections', 'show', ids.portalB)).code).toBe(4);
    expect((await cli('connections', 'disconnect', ids.portalB)).code).toBe(4);
  });

  it('exits 6 with reauthorization_required once the user revoked the grant at the provider', async () => {
    expect(sandbox.revokeGrants('planday')).toBeGreaterThan(0);
    const run = await cli('connections', 'refresh', ids.portalA, '--json');
    expect(run.code).toBe(6);
    expect(jsonErrorOf(run).code).toBe('reauthorization_required');
    const error = await app.client('planday', ids.portalA).fetch('/hr/v1/Departments').catch((e: unknown) => e);
    expect(isAuthKitError(error) && error.code).toBe('reauthorization_required');
    const show = jsonOf<{ connection: ConnectionView }>(await cli('connections', 'show', ids.portalA, '--json'));
    expect(show.connection.status).toBe('reauthorization_required');
  });

  it('never prints a secret: tokens, keys and client secrets appear in no output', async () => {
    await collectSecrets();
    const list = await cli('connections', 'list');
    expect(list.code).toBe(0);
    expect(transcript.length).toBeGreaterThan(20);
    expectNoSecretIn(transcript, secrets);
  });
});
