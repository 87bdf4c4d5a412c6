import type { ConnectionView } from '@authkit/core';
import { SYSTEMS, type ConnectMethod, type SystemEntry } from './catalogue.js';
import { html, layout, type SafeHtml } from './html.js';
import type { DemoCredentials } from './sandbox-link.js';

export interface ApiResult {
  connectionId: string;
  request: string;
  status: number;
  body: string;
}

export interface DashboardModel {
  user: string;
  /** Route prefix of the OAuth connect flows (`/<basePath>/:provider/connect`). */
  basePath: string;
  connections: readonly ConnectionView[];
  credentials: DemoCredentials;
  result?: ApiResult;
  error?: { code: string; message: string };
  sandboxUrl: string;
}

const TITLE = 'AuthKit NestJS demo';

export function loginPage(error?: string): string {
  return layout(
    `${TITLE} — sign in`,
    html`<h1>${TITLE}</h1>
<p>Sign in as anyone: this stands in for your app's real login. Connections belong to the signed-in user.</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/login">
  <label>User name <input type="text" name="user" autocomplete="username" required pattern="[A-Za-z0-9_.@-]{1,64}"></label>
  <button type="submit">Sign in</button>
</form>`,
  );
}

function when(ms: number | undefined): string {
  return ms === undefined ? 'never' : new Date(ms).toISOString();
}

function connectionCard(model: DashboardModel, connection: ConnectionView): SafeHtml {
  const base = `/${model.basePath}/${encodeURIComponent(connection.providerId)}`;
  const label = connection.label ?? '';
  const result = model.result?.connectionId === connection.id ? model.result : undefined;
  return html`<div class="connection" data-testid="connection-${connection.providerId}${label ? `-${label}` : ''}">
  <strong>${connection.credentialKind}</strong>${label ? html` · label <code>${label}</code>` : ''}
  · status <span class="status-${connection.status}" data-testid="status">${connection.status}</span>
  · expires at <span data-testid="expires-at">${when(connection.expiresAt)}</span>
  ${connection.refreshTokenExpiresAt ? html`· refresh token expires at ${when(connection.refreshTokenExpiresAt)}` : ''}
  · scopes <span data-testid="scopes">${connection.scopes.length > 0 ? connection.scopes.join(' ') : '—'}</span>
  ${connection.status === 'reauthorization_required' ? html`<strong> · reauthorization required</strong>` : ''}
  ${Object.keys(connection.metadata).length > 0 ? html`<br><small>metadata: ${JSON.stringify(connection.metadata)}</small>` : ''}
  <div>
    <form class="inline" method="post" action="/call">
      <input type="hidden" name="provider" value="${connection.providerId}">
      <input type="hidden" name="label" value="${label}">
      <button type="submit">Call API</button>
    </form>
    ${connection.status === 'reauthorization_required' ? html`<a href="${base}/connect?returnTo=/">Authorize again</a>` : ''}
    <form class="inline" method="post" action="/connections/${encodeURIComponent(connection.providerId)}/disconnect">
      <input type="hidden" name="label" value="${label}">
      <button type="submit">Disconnect</button>
    </form>
  </div>
  ${result ? html`<p>${result.request} → HTTP <span data-testid="api-status">${result.status}</span></p><pre data-testid="api-result">${result.body}</pre>` : ''}
</div>`;
}

function methodForm(model: DashboardModel, system: SystemEntry, method: ConnectMethod): SafeHtml {
  const oauthBase = `/${model.basePath}/${encodeURIComponent(system.id)}`;
  const formBase = `/connections/${encodeURIComponent(system.id)}`;
  const c = model.credentials;
  switch (method.kind) {
    case 'oauth':
      return html`<p><a class="button" data-testid="connect-${system.id}" href="${oauthBase}/connect?returnTo=/">${method.title}</a></p>`;
    case 'api_token':
      return html`<form class="stack" method="post" action="${formBase}/credentials" data-testid="form-${system.id}-api-token">
  <strong>${method.title}</strong><br>
  <input type="hidden" name="kind" value="api_token"><input type="hidden" name="label" value="${method.label}">
  <label>Token id <input type="text" name="tokenId" required></label><br>
  <label>Token value <input type="text" name="tokenValue" required></label>
  <button type="submit">Connect</button>
  ${c.iguideApiToken ? html`<div class="creds">demo token id <code data-testid="demo-iguide-token-id">${c.iguideApiToken.id}</code>, value <code data-testid="demo-iguide-token">${c.iguideApiToken.token}</code></div>` : ''}
</form>`;
    case 'personal_access_token':
      return html`<form class="stack" method="post" action="${formBase}/credentials" data-testid="form-${system.id}-pat">
  <strong>${method.title}</strong><br>
  <input type="hidden" name="kind" value="personal_access_token"><input type="hidden" name="label" value="${method.label}">
  <label>Token <input type="text" name="token" required></label>
  <button type="submit">Connect</button>
  ${c.plannrPat ? html`<div class="creds">demo PAT <code data-testid="demo-plannr-pat">${c.plannrPat}</code></div>` : ''}
</form>`;
    case 'refresh_token':
      return html`<form class="stack" method="post" action="${formBase}/refresh-token" data-testid="form-${system.id}-refresh-token">
  <strong>${method.title}</strong><br>
  <label>Portal label <input type="text" name="label" value="portal-1" required></label><br>
  <label>Refresh token <input type="text" name="refreshToken" required></label>
  <button type="submit">Connect</button>
  ${c.plandayRefreshToken ? html`<div class="creds">demo refresh token (new portal) <code data-testid="demo-planday-refresh-token">${c.plandayRefreshToken}</code></div>` : ''}
</form>`;
    case 'api_key':
      return html`<form class="stack" method="post" action="${formBase}/credentials" data-testid="form-${system.id}-api-key">
  <strong>${method.title}</strong><br>
  <input type="hidden" name="kind" value="api_key"><input type="hidden" name="label" value="${method.label}">
  <label>API key <input type="text" name="key" required></label>
  <button type="submit">Connect</button>
  ${c.apiKey ? html`<div class="creds">demo API key <code data-testid="demo-api-key">${c.apiKey}</code></div>` : ''}
</form>`;
    case 'client_credentials':
      return html`<form class="stack" method="post" action="${formBase}/client-credentials" data-testid="form-${system.id}-client-credentials">
  <button type="submit">${method.title}</button>
</form>`;
  }
}

export function dashboardPage(model: DashboardModel): string {
  const systems = SYSTEMS.map((system) => {
    const connections = model.connections.filter((c) => c.providerId === system.id);
    return html`<section class="system" data-testid="system-${system.id}">
  <h2>${system.name}</h2>
  <p>${system.blurb}</p>
  ${connections.length === 0 ? html`<p><em>Not connected.</em></p>` : connections.map((c) => connectionCard(model, c))}
  ${system.methods.map((m) => methodForm(model, system, m))}
</section>`;
  });
  return layout(
    TITLE,
    html`<header><h1>${TITLE}</h1>
<form method="post" action="/logout">Signed in as <strong data-testid="user">${model.user}</strong> <button type="submit">Sign out</button></form></header>
<p>Sandbox: <code>${model.sandboxUrl}</code>. OAuth buttons go through the sandbox's consent page; forms take the demo credentials shown beside them.</p>
${model.error ? html`<p class="error" role="alert" data-testid="error">${model.error.code}: ${model.error.message}</p>` : ''}
${systems}`,
  );
}
