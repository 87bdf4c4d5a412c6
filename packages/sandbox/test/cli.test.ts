import { describe, expect, it } from 'vitest';
import { runCli } from '../src/run-cli';
import { authorize } from './helpers';

describe('CLI', () => {
  it('starts a sandbox, adds --redirect-uri to the demo client and prints working demo credentials', async () => {
    let output = '';
    const sandbox = await runCli(['--port', '0', '--auto-approve', '--redirect-uri', 'plannr=http://localhost:3000/cb'], (text) => (output += text));
    if (!sandbox) throw new Error('expected a running sandbox');
    try {
      expect(output).toContain(sandbox.endpoints.plannr.tokenEndpoint);
      // What the provider configuration takes (providers.plannr({ baseUrl })): the host root, not …/api/v1.
      expect(output).toContain(`Plannr          baseUrl ${sandbox.endpoints.plannr.baseUrl} `);
      expect(output).toContain(`Planday         baseUrl ${sandbox.endpoints.planday.baseUrl} `);
      expect(output).not.toContain('/plannr/api/v1');
      expect(output).toContain('plannr-demo-client');
      const id = /X-Plntr-App-Id: (\S+)/.exec(output)?.[1] ?? '';
      const token = /X-Plntr-App-Token: (\S+)/.exec(output)?.[1] ?? '';
      const test = await fetch(`${sandbox.endpoints.iguide.baseUrl}/integrations/test`, { method: 'POST', headers: { 'X-Plntr-App-Id': id, 'X-Plntr-App-Token': token } });
      expect(await test.json()).toEqual({ appId: id });
      const res = await authorize(sandbox.endpoints.plannr.authorizationEndpoint, { client_id: 'plannr-demo-client', redirect_uri: 'http://localhost:3000/cb', response_type: 'code', scope: '*' });
      expect(res.status).toBe(302);
      const refresh = /refresh token (\S+)/.exec(output)?.[1] ?? '';
      expect(refresh).toMatch(/^planday_rt_/);
    } finally {
      await sandbox.close();
    }
  });

  it('prints usage for --help and refuses bad arguments', async () => {
    let output = '';
    expect(await runCli(['--help'], (text) => (output += text))).toBeUndefined();
    expect(output).toContain('Usage: authkit-sandbox');
    await expect(runCli(['--port', 'abc'])).rejects.toThrow(/--port/);
    await expect(runCli(['--port', '0', '--redirect-uri', 'nope'])).rejects.toThrow(/--redirect-uri/);
    await expect(runCli(['--port', '0', '--redirect-uri', 'plannr=not a url'], () => undefined)).rejects.toThrow(/absolute URL/);
  });
});
