import { afterAll, describe, expect, it } from 'vitest';
import { createAuthKit } from '@authkit/core';
import type { AuthKitOptions } from '@authkit/core';
import { connectSandbox, DEMO_CLIENTS } from '@authkit/sandbox';
import { writeConfigModule } from './support/fixtures';
import { runAuthkit, startAuthkit, transcript, type CliProcess } from './support/run-authkit';
import { expectNoSecretIn } from './support/secrets';

const running: CliProcess[] = [];
const removals: (() => void)[] = [];
afterAll(async () => {
  for (const process of running) if (process.child.exitCode === null) process.child.kill('SIGKILL');
  for (const remove of removals) remove();
});

interface SandboxInfo {
  url: string;
  admin: string;
  autoApprove: boolean;
  providers: { factory: string; id: string; options: Record<string, unknown>; clientSecretFrom?: string; clientSecret?: string; note: string }[];
}

const demoSecrets = Object.values(DEMO_CLIENTS).flatMap((client) => ('clientSecret' in client ? [client.clientSecret] : []));

describe('authkit sandbox', () => {
  it('--json prints one line with the providers’ options, serves the emulated APIs over HTTP, and stops cleanly on SIGTERM', async () => {
    const sandbox = startAuthkit(['sandbox', '--port', '0', '--json', '--auto-approve', '--redirect-uri', 'plannr=http://localhost:3999/cb']);
    running.push(sandbox);
    const info = JSON.parse(await sandbox.waitForStdoutLine()) as SandboxInfo;
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.admin).toBe(`${info.url}/__sandbox`);
    expect(info.providers.map((provider) => provider.id)).toEqual(['iguide', 'plannr', 'planday', 'oauth2', 'server-api']);
    const plannr = info.providers.find((provider) => provider.id === 'plannr')!;
    // The mistake this output exists to prevent: Plannr's base URL is the host root, not …/api/v1.
    expect(plannr.options.baseUrl).toBe(`${info.url}/plannr`);
    expect(plannr.note).toContain('not …/plannr/api/v1');
    expect(plannr.clientSecretFrom).toBe('DEMO_CLIENTS.plannr.clientSecret');
    expect(plannr.clientSecret).toBeUndefined();

    // The redirect URI was registered: the authorize endpoint sends the browser back to it.
    const authorize = new URL(`${info.url}/plannr/oauth/authorize`);
    for (const [name, value] of Object.entries({ client_id: DEMO_CLIENTS.plannr.clientId, redirect_uri: 'http://localhost:3999/cb', response_type: 'code', scope: '*', state: 's1' })) {
      authorize.searchParams.set(name, value);
    }
    const redirect = await fetch(authorize, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toMatch(/^http:\/\/localhost:3999\/cb\?/);

    sandbox.child.kill('SIGTERM');
    const run = await sandbox.done;
    expect(run.code).toBe(0);
    await expect(fetch(`${info.url}/plannr/api/v1/logins`)).rejects.toThrow();
  });

  it('prints an authkit.config.mjs that reaches every emulated provider as it stands', async () => {
    const sandbox = startAuthkit(['sandbox', '--port', '0']);
    running.push(sandbox);
    const text = await sandbox.waitForStdout('Press Ctrl+C to stop.');
    const url = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(text)![1]!;
    const source = /(import \{ providers \}[\s\S]*?\n\};)/.exec(text)![1]!;
    expect(source).toContain(`baseUrl: '${url}/plannr',`);
    expect(source).toContain('DEMO_CLIENTS.plannr.clientSecret');
    const config = writeConfigModule(source);
    removals.push(config.remove);

    const { default: options } = (await import(config.path)) as { default: AuthKitOptions };
    const app = createAuthKit({ ...options });
    const admin = await connectSandbox(url);
    try {
      // Plannr: a PAT, then a request relative to the printed base URL.
      const { token } = await admin.plannr.createPersonalAccessToken();
      const plannr = await app.connectStatic({ providerId: 'plannr', ownerId: 'u1', credential: { kind: 'personal_access_token', token } });
      expect((await app.client('plannr', plannr.id).fetch('/api/v1/contacts')).status).toBe(200);
      // Planday: a portal refresh token, exchanged at the printed identity server.
      const { refreshToken } = await admin.planday.mintRefreshToken({ portalId: 'portal-1', clientId: DEMO_CLIENTS.planday.clientId });
      const planday = await app.connectRefreshToken({ providerId: 'planday', ownerId: 'u1', refreshToken });
      expect((await app.client('planday', planday.id).fetch('/hr/v1/Departments')).status).toBe(200);
      // iGUIDE: an API token, verified at the printed base URL.
      const iguideToken = await admin.iguide.createApiToken({ scopes: ['iguide.list'] });
      const iguide = await app.connectStatic({ providerId: 'iguide', ownerId: 'u1', credential: { kind: 'api_token', tokenId: iguideToken.id, tokenValue: iguideToken.token } });
      expect((await app.client('iguide', iguide.id).fetch('iguides')).status).toBe(200);
      // The client-credentials API, with the demo client's secret from DEMO_CLIENTS.
      const server = await app.connectClientCredentials({ providerId: 'server-api', ownerId: 'backend' });
      expect((await app.client('server-api', server.id).fetch('/v1/users')).status).toBe(200);
    } finally {
      await admin.close();
      sandbox.child.kill('SIGINT');
    }
    expect((await sandbox.done).code).toBe(0);
  });

  it('prints the demo secrets only with --show-secrets, and refuses bad arguments with exit code 2', async () => {
    const shown = startAuthkit(['sandbox', '--port', '0', '--json', '--show-secrets']);
    running.push(shown);
    const info = JSON.parse(await shown.waitForStdoutLine()) as SandboxInfo;
    expect(info.providers.find((provider) => provider.id === 'plannr')!.clientSecret).toBe(DEMO_CLIENTS.plannr.clientSecret);
    shown.child.kill('SIGTERM');
    await shown.done;
    transcript.splice(transcript.length - 2, 2); // this run was asked to show them; the scan below covers the others

    expect((await runAuthkit(['sandbox', '--port', 'abc'])).code).toBe(2);
    expect((await runAuthkit(['sandbox', '--redirect-uri', 'nope'])).code).toBe(2);
  });

  it('prints no demo secret without --show-secrets', () => {
    expect(transcript.length).toBeGreaterThanOrEqual(4);
    expectNoSecretIn(transcript, demoSecrets);
  });
});
