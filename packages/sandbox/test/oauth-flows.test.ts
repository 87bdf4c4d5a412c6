import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLIENTS, startSandbox, type Sandbox } from '../src/index';
import { authorize, json, pkcePair, postForm, REDIRECT, redirectParams } from './helpers';

// The generic OAuth2 API exercises the shared authorize/token code; the consent page is on (no auto-approve).
const { clientId, clientSecret } = DEMO_CLIENTS.oauth2;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  sandbox.addRedirectUri('oauth2', clientId, REDIRECT);
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.stats.reset();
  sandbox.settings.autoApprove = false;
});

const base = { client_id: clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'profile projects:read', state: 'state-123' };
const authz = (params: Record<string, string>) => authorize(sandbox.endpoints.oauth2.authorizationEndpoint, params);

/** Submits the consent form the way a browser does: the hidden fields plus the clicked button. */
async function submitConsent(page: string, decision: 'approve' | 'deny'): Promise<Response> {
  const requestId = /name="request_id" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1] ?? '';
  return fetch(new URL(action, sandbox.url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request_id: requestId, decision }),
  });
}

function exchange(code: string, extra: Record<string, string> = {}) {
  return postForm(sandbox.endpoints.oauth2.tokenEndpoint, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: clientId, client_secret: clientSecret, ...extra });
}

async function autoCode(extra: Record<string, string> = {}): Promise<string> {
  return redirectParams(await authz({ ...base, sandbox_auto_approve: '1', ...extra })).get('code') ?? '';
}

describe('authorization endpoint', () => {
  it('shows a real consent form; Authorize redirects with code, state and iss', async () => {
    const res = await authz(base);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const page = await res.text();
    expect(page).toContain('<button type="submit" name="decision" value="approve">Authorize</button>');
    expect(page).toContain('<button type="submit" name="decision" value="deny">Deny</button>');
    expect(page).toContain('oauth2 demo app');
    expect(page).toContain('projects:read');

    const params = redirectParams(await submitConsent(page, 'approve'));
    expect(params.get('state')).toBe('state-123');
    expect(params.get('iss')).toBe(sandbox.endpoints.oauth2.issuer);
    const tokens = await exchange(params.get('code') ?? '');
    expect(tokens.status).toBe(200);
  });

  it('Deny redirects with error=access_denied and the state; a consent form cannot be replayed', async () => {
    const page = await (await authz(base)).text();
    const params = redirectParams(await submitConsent(page, 'deny'));
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('state')).toBe('state-123');
    expect(params.get('code')).toBeNull();
    expect((await submitConsent(page, 'approve')).status).toBe(400);
  });

  it('an unregistered or inexact redirect_uri gets a 400 page, never a redirect', async () => {
    for (const redirect_uri of ['http://127.0.0.1:9/evil', `${REDIRECT}/`, `${REDIRECT}?x=1`]) {
      const res = await authz({ ...base, redirect_uri });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
    const unknownClient = await authz({ ...base, client_id: 'nobody' });
    expect(unknownClient.status).toBe(400);
    expect(unknownClient.headers.get('location')).toBeNull();
  });

  it('refuses repeated parameters (RFC 6749 §3.1): a page for client_id/redirect_uri, else a redirect', async () => {
    const url = new URL(sandbox.endpoints.oauth2.authorizationEndpoint);
    for (const [k, v] of Object.entries(base)) url.searchParams.set(k, v);
    url.searchParams.append('redirect_uri', 'http://127.0.0.1:9/evil');
    const twice = await fetch(url, { redirect: 'manual' });
    expect(twice.status).toBe(400);
    expect(twice.headers.get('location')).toBeNull();
    const stateTwice = new URL(url);
    stateTwice.searchParams.delete('redirect_uri');
    stateTwice.searchParams.set('redirect_uri', REDIRECT);
    stateTwice.searchParams.append('scope', 'profile');
    expect(redirectParams(await fetch(stateTwice, { redirect: 'manual' })).get('error')).toBe('invalid_request');
  });

  it('rejects PKCE plain and unknown scopes with error redirects', async () => {
    const plain = redirectParams(await authz({ ...base, code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }));
    expect(plain.get('error')).toBe('invalid_request');
    const noMethod = redirectParams(await authz({ ...base, code_challenge: 'a'.repeat(43) }));
    expect(noMethod.get('error')).toBe('invalid_request');
    const scope = redirectParams(await authz({ ...base, scope: 'admin' }));
    expect(scope.get('error')).toBe('invalid_scope');
    expect(scope.get('state')).toBe('state-123');
    const type = redirectParams(await authz({ ...base, response_type: 'token' }));
    expect(type.get('error')).toBe('unsupported_response_type');
  });

  it('the global autoApprove switch skips the consent page', async () => {
    sandbox.settings.autoApprove = true;
    const params = redirectParams(await authz(base));
    expect(params.get('code')).toBeTruthy();
  });
});

describe('token endpoint', () => {
  it('codes are one-time: a second use is invalid_grant and revokes the tokens from the first', async () => {
    const code = await autoCode();
    const first = await json(await exchange(code));
    const me = () => fetch(`${sandbox.endpoints.oauth2.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${String(first.access_token)}` } });
    expect((await me()).status).toBe(200);
    const second = await exchange(code);
    expect(second.status).toBe(400);
    expect((await json(second)).error).toBe('invalid_grant');
    expect((await me()).status).toBe(401);
  });

  it('codes expire after 60 s on the sandbox clock', async () => {
    const code = await autoCode();
    sandbox.clock.advance(61_000);
    expect((await json(await exchange(code))).error).toBe('invalid_grant');
  });

  it('the redirect_uri must equal the one of the authorize request', async () => {
    const code = await autoCode();
    expect((await json(await exchange(code, { redirect_uri: 'http://127.0.0.1:9/other' }))).error).toBe('invalid_grant');
  });

  it('PKCE: missing verifier is invalid_request, wrong verifier invalid_grant, right one works', async () => {
    const { verifier, challenge } = pkcePair();
    const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };
    expect((await json(await exchange(await autoCode(pkce)))).error).toBe('invalid_request');
    expect((await json(await exchange(await autoCode(pkce), { code_verifier: pkcePair().verifier }))).error).toBe('invalid_grant');
    expect((await exchange(await autoCode(pkce), { code_verifier: verifier })).status).toBe(200);
  });

  it('refuses a repeated token-request parameter', async () => {
    const body = new URLSearchParams({ grant_type: 'authorization_code', code: await autoCode(), redirect_uri: REDIRECT, client_id: clientId, client_secret: clientSecret });
    body.append('code', 'other');
    const res = await fetch(sandbox.endpoints.oauth2.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toBe('invalid_request');
  });

  it('accepts client_secret_basic and refuses two authentication methods at once', async () => {
    const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    const ok = await postForm(sandbox.endpoints.oauth2.tokenEndpoint, { grant_type: 'authorization_code', code: await autoCode(), redirect_uri: REDIRECT }, { authorization: basic });
    expect(ok.status).toBe(200);
    const both = await postForm(
      sandbox.endpoints.oauth2.tokenEndpoint,
      { grant_type: 'authorization_code', code: await autoCode(), redirect_uri: REDIRECT, client_secret: clientSecret },
      { authorization: basic },
    );
    expect((await json(both)).error).toBe('invalid_request');
  });

  it('rotation modes: never returns the same refresh token, omit returns none', async () => {
    const tokens = await json(await exchange(await autoCode()));
    const refresh = (rt: string) => postForm(sandbox.endpoints.oauth2.tokenEndpoint, { grant_type: 'refresh_token', refresh_token: rt, client_id: clientId, client_secret: clientSecret });
    sandbox.settings.oauth2.rotation = 'never';
    expect((await json(await refresh(String(tokens.refresh_token)))).refresh_token).toBe(tokens.refresh_token);
    sandbox.settings.oauth2.rotation = 'omit';
    const omitted = await json(await refresh(String(tokens.refresh_token)));
    expect(omitted.access_token).toBeTypeOf('string');
    expect('refresh_token' in omitted).toBe(false);
    sandbox.settings.oauth2.rotation = 'always';
    const rotated = await json(await refresh(String(tokens.refresh_token)));
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
  });

  it('access tokens expire per settings on the sandbox clock', async () => {
    sandbox.settings.oauth2.accessTokenTtlSeconds = 120;
    try {
      const tokens = await json(await exchange(await autoCode()));
      expect(tokens.expires_in).toBe(120);
      sandbox.clock.advance(121_000);
      const me = await fetch(`${sandbox.endpoints.oauth2.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${String(tokens.access_token)}` } });
      expect(me.status).toBe(401);
      expect(me.headers.get('www-authenticate')).toContain('invalid_token');
    } finally {
      sandbox.settings.oauth2.accessTokenTtlSeconds = 3600;
    }
  });
});
