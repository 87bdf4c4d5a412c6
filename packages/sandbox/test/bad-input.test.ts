import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, startSandbox, type Sandbox } from '../src/index';
import { json, postForm } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

const plannr = DEMO_CLIENTS.plannr;

describe('bad input gets the documented error, never a crash', () => {
  it('token endpoints: wrong content type, missing grant_type, unknown grant, missing code', async () => {
    const asJson = await fetch(sandbox.endpoints.plannr.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token' }),
    });
    expect(asJson.status).toBe(400);
    expect(await asJson.json()).toMatchObject({ error: 'invalid_request', message: expect.any(String), hint: expect.any(String) });

    const creds = { client_id: plannr.clientId, client_secret: plannr.clientSecret };
    expect(await json(await postForm(sandbox.endpoints.plannr.tokenEndpoint, creds))).toMatchObject({ error: 'invalid_request' });
    expect(await json(await postForm(sandbox.endpoints.plannr.tokenEndpoint, { ...creds, grant_type: 'password' }))).toMatchObject({ error: 'unsupported_grant_type' });
    expect(await json(await postForm(sandbox.endpoints.plannr.tokenEndpoint, { ...creds, grant_type: 'authorization_code' }))).toMatchObject({ error: 'invalid_request' });
    const planday = await postForm(sandbox.endpoints.planday.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: 'x' });
    expect(planday.status).toBe(400);
    expect((await json(planday)).error).toBe('invalid_request');
    const unknownClient = await postForm(sandbox.endpoints.planday.tokenEndpoint, { client_id: 'who', grant_type: 'refresh_token', refresh_token: 'x' });
    expect((await json(unknownClient)).error).toBe('invalid_client');
    const cc = await postForm(sandbox.endpoints.clientCredentials.tokenEndpoint, { grant_type: 'client_credentials' });
    expect(cc.status).toBe(401);
    expect((await json(cc)).error).toBe('invalid_client');
  });

  it('Planday ignores a client_secret (public client) rather than failing', async () => {
    const { refreshToken } = sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId: DEMO_CLIENTS.planday.clientId });
    const res = await postForm(sandbox.endpoints.planday.tokenEndpoint, { client_id: DEMO_CLIENTS.planday.clientId, client_secret: 'anything', grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(res.status).toBe(200);
  });

  it('huge bodies are 413 and the server keeps serving', async () => {
    const res = await fetch(sandbox.endpoints.plannr.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=refresh_token&refresh_token=${'a'.repeat(2 * 1024 * 1024)}`,
    });
    expect(res.status).toBe(413);
    expect((await fetch(`${sandbox.url}/__sandbox`)).status).toBe(200);
  });

  it('malformed basic credentials, bearer garbage, unknown paths and broken URL encoding', async () => {
    const basic = await postForm(sandbox.endpoints.oauth2.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: 'x' }, { authorization: 'Basic !!!' });
    expect(basic.status).toBe(401);
    const bearer = await fetch(`${sandbox.endpoints.oauth2.baseUrl}/v1/me`, { headers: { authorization: 'Bearer' } });
    expect(bearer.status).toBe(401);
    expect((await fetch(`${sandbox.url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${sandbox.endpoints.iguide.baseUrl}/iguides/%E0%A4%A`)).status).toBe(404);
    const encoded = await postForm(sandbox.endpoints.plannr.tokenEndpoint, { grant_type: 'x' }, {});
    expect(encoded.status).toBe(401);
  });

  it('a raw malformed HTTP request is answered 400 and does not take the server down', async () => {
    const url = new URL(sandbox.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => socket.write('POST /plannr/oauth/token HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await fetch(`${sandbox.url}/__sandbox`)).status).toBe(200);
  });
});
