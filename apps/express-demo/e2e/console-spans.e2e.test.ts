// AUTHKIT_OTEL_CONSOLE=1: the demo prints AuthKit's OpenTelemetry spans on the console — the
// signed request and the token request — and never a secret in them.
import { startSandbox } from '@authkit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootDemo, type BootedDemo } from './boot';

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let demo: BootedDemo;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true });
  demo = await bootDemo({ SANDBOX_URL: sandbox.url, AUTHKIT_OTEL_CONSOLE: '1' });
});
afterAll(async () => {
  await demo?.stop();
  await sandbox?.close();
});

describe('express-demo with AUTHKIT_OTEL_CONSOLE=1', () => {
  it('prints the spans of a connect and a call', async () => {
    const cookie: string[] = [];
    const get = async (url: string, init: RequestInit = {}) => {
      const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as object), cookie: cookie.join('; ') } });
      for (const line of response.headers.getSetCookie()) cookie.push(line.split(';')[0]!);
      return response;
    };
    await get(`${demo.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'user=otel' });
    const start = await get(`${demo.url}/connections/plannr/connect?returnTo=/`);
    const callback = (await fetch(start.headers.get('location')!, { redirect: 'manual' })).headers.get('location')!;
    expect((await get(callback)).status).toBe(303);
    expect((await get(`${demo.url}/api/plannr/contacts`, { headers: { accept: 'application/json' } })).status).toBe(200);

    // Without escape codes: where the environment asks for colours, the exporter prints them.
    // eslint-disable-next-line no-control-regex
    const printed = () => demo.output().replace(/\x1b\[[0-9;]*m/g, '');
    const deadline = Date.now() + 5_000;
    while (!printed().includes("'authkit.connection.id'") && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const output = printed();
    expect(output).toContain('OpenTelemetry spans are printed on the console');
    expect(output).toContain("'authkit.grant_type': 'authorization_code'");
    expect(output).toContain("'authkit.provider.id': 'plannr'");
    expect(output).toContain("'authkit.connection.id'");
    expect(output).toContain("'http.response.status_code': 200");
    for (const secret of Object.values(sandbox.demoClients).flatMap((c) => ('clientSecret' in c && c.clientSecret ? [c.clientSecret] : []))) {
      expect(output).not.toContain(secret);
    }
    // No signed header either: spans carry the URL and status, never the credential.
    expect(output).not.toMatch(/Bearer [A-Za-z0-9]/);
  });
});
