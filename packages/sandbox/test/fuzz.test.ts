import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, startSandbox, type Sandbox } from '../src/index';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  sandbox.addRedirectUri('oauth2', DEMO_CLIENTS.oauth2.clientId, 'http://127.0.0.1:9/cb');
});
afterAll(() => sandbox.close());

/** A small deterministic generator so a failure reproduces. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

const PATHS = [
  '/iguide/oauth/authorize',
  '/iguide/oauth/token',
  '/iguide/api/v1/integrations/test',
  '/iguide/api/v1/iguides/ig-1001',
  '/iguide/api/v1/tokens/x/rotate',
  '/plannr/oauth/authorize',
  '/plannr/oauth/token',
  '/plannr/api/v1/logins',
  '/plannr/api/v1/contacts',
  '/planday/id/connect/authorize',
  '/planday/id/connect/token',
  '/planday/id/connect/revocation',
  '/planday/api/hr/v1/Departments',
  '/oauth2-api/oauth/authorize',
  '/oauth2-api/oauth/token',
  '/oauth2-api/oauth/revoke',
  '/oauth2-api/v1/me',
  '/cc-api/oauth2/token',
  '/cc-api/v1/data',
  '/__sandbox/clients',
  '/__sandbox/settings',
  '/__sandbox/faults',
  '/__sandbox/planday/refresh-tokens',
  '/__sandbox/iguide/api-tokens',
];
const METHODS = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'];
const TYPES = ['application/x-www-form-urlencoded', 'application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded; charset=utf-8'];
const BODIES = [
  '',
  'grant_type=authorization_code&code=%E0%A4%A&redirect_uri=%',
  'grant_type=refresh_token&refresh_token=a&refresh_token=b&client_id=plannr-demo-client&client_secret=plannr-demo-secret',
  'grant_type=client_credentials&client_id=cc-demo-client&client_secret=cc-demo-secret&scope=%00',
  '{"provider":"plannr","clientId":{"x":1},"redirectUris":"nope"}',
  '[1,2,3]',
  'null',
  '{"__proto__":{"x":1},"scopes":[1]}',
  '\u0000\u0001binary\uffff',
  `token=${'x'.repeat(5000)}&client_id=planday-demo-client`,
];
const QUERIES = ['', '?client_id=oauth2-demo-client&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcb&response_type=code&scope=%ZZ', '?request_id=&decision=approve', `?state=${'s'.repeat(3000)}`, '?code_challenge=%00&code_challenge_method=S256'];

describe('fuzz: garbage never gets a 5xx or takes the server down', () => {
  it('300 random requests across every endpoint', async () => {
    const next = rng(42);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      const method = pick(METHODS);
      const url = `${sandbox.url}${pick(PATHS)}${pick(QUERIES)}`;
      const headers: Record<string, string> = { 'content-type': pick(TYPES) };
      if (next() < 0.3) headers.authorization = pick(['Bearer', 'Basic ###', 'Basic ' + Buffer.from('a:%zz').toString('base64'), 'Bearer x y']);
      if (next() < 0.3) headers['x-plntr-app-id'] = pick(['', 'tok_x', 'a b']);
      const body = method === 'GET' ? undefined : pick(BODIES);
      const res = await fetch(url, { method, headers, redirect: 'manual', ...(body === undefined ? {} : { body }) });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect((await fetch(`${sandbox.url}/__sandbox/health`)).status).toBe(200);
  });
});
