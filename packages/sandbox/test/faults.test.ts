import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, startSandbox, type Sandbox } from '../src/index';
import { postForm } from './helpers';

const { clientId, clientSecret } = DEMO_CLIENTS.clientCredentials;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.faults.clear();
  sandbox.stats.reset();
});

const tokenRequest = (signal?: AbortSignal) =>
  fetch(sandbox.endpoints.clientCredentials.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    ...(signal ? { signal } : {}),
  });

describe('fault injection', () => {
  it('5xx answers 503 with a non-JSON body, then the endpoint recovers after `times`', async () => {
    sandbox.faults.inject('clientCredentials.token', { kind: '5xx', times: 1 });
    const failed = await tokenRequest();
    expect(failed.status).toBe(503);
    await expect(failed.clone().json()).rejects.toThrow();
    expect((await tokenRequest()).status).toBe(200);
    expect(sandbox.stats.count('clientCredentials.token', { grantType: 'client_credentials' })).toBe(2);
  });

  it('malformed answers 200 with invalid JSON', async () => {
    sandbox.faults.inject('clientCredentials.token', { kind: 'malformed', times: 1 });
    const res = await tokenRequest();
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('reset destroys the connection', async () => {
    sandbox.faults.inject('clientCredentials.token', { kind: 'reset', times: 1 });
    await expect(tokenRequest()).rejects.toThrow(TypeError);
    expect(sandbox.requests.at(-1)?.status).toBe(0);
  });

  it('timeout never answers: the request only ends when the client aborts', async () => {
    sandbox.faults.inject('clientCredentials.token', { kind: 'timeout', times: 1 });
    const controller = new AbortController();
    const pending = tokenRequest(controller.signal);
    // Wait until the sandbox has the request, then give up on it as a client timeout would.
    while (sandbox.stats.count('clientCredentials.token') === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    expect((await tokenRequest()).status).toBe(200);
  });

  it('latency delays but still answers normally', async () => {
    sandbox.faults.inject('clientCredentials.token', { kind: 'latency', latencyMs: 20, times: 1 });
    expect((await tokenRequest()).status).toBe(200);
  });

  it('faults are per endpoint key and unlimited until cleared when times is absent', async () => {
    sandbox.faults.inject('plannr.token', { kind: '5xx' });
    expect((await tokenRequest()).status).toBe(200);
    const plannr = () => postForm(sandbox.endpoints.plannr.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: 'x' });
    expect((await plannr()).status).toBe(503);
    expect((await plannr()).status).toBe(503);
    sandbox.faults.clear();
    expect((await plannr()).status).toBe(401);
    expect(() => sandbox.faults.inject('plannr.token', { kind: 'explode' as never })).toThrow(TypeError);
  });
});
