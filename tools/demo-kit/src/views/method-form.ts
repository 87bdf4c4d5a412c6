import type { ConnectMethod, SystemEntry } from '../catalogue';
import { html, type SafeHtml } from '../html';
import type { DashboardModel, PageOptions } from './options';

/** One way to connect a system: an OAuth button or a form for pasted or server credentials. */
export function methodForm(options: PageOptions, model: DashboardModel, system: SystemEntry, method: ConnectMethod): SafeHtml {
  const id = encodeURIComponent(system.id);
  const base = `${options.formBase}/${id}`;
  const returnTo = options.returnTo ? html`<input type="hidden" name="returnTo" value="/">` : '';
  const c = model.credentials;
  switch (method.kind) {
    case 'oauth':
      return html`<p><a class="button" data-testid="connect-${system.id}" href="${options.oauthBase}/${id}/connect?returnTo=/">${method.title}</a></p>`;
    case 'api_token':
      return html`<form class="stack" method="post" action="${base}/credentials" data-testid="form-${system.id}-api-token">
  <strong>${method.title}</strong><br>
  <input type="hidden" name="kind" value="api_token"><input type="hidden" name="label" value="${method.label}">
  ${returnTo}
  <label>Token id <input type="text" name="tokenId" required></label><br>
  <label>Token value <input type="text" name="tokenValue" required></label>
  <button type="submit">Connect</button>
  ${c.iguideApiToken ? html`<div class="creds">demo token id <code data-testid="demo-iguide-token-id">${c.iguideApiToken.id}</code>, value <code data-testid="demo-iguide-token">${c.iguideApiToken.token}</code></div>` : ''}
</form>`;
    case 'personal_access_token':
      return html`<form class="stack" method="post" action="${base}/credentials" data-testid="form-${system.id}-pat">
  <strong>${method.title}</strong><br>
  <input type="hidden" name="kind" value="personal_access_token"><input type="hidden" name="label" value="${method.label}">
  ${returnTo}
  <label>Token <input type="text" name="token" required></label>
  <button type="submit">Connect</button>
  ${c.plannrPat ? html`<div class="creds">demo PAT <code data-testid="demo-plannr-pat">${c.plannrPat}</code></div>` : ''}
</form>`;
    case 'refresh_token':
      return html`<form class="stack" method="post" action="${base}/refresh-token" data-testid="form-${system.id}-refresh-token">
  <strong>${method.title}</strong><br>
  ${returnTo}
  <label>Portal label <input type="text" name="label" value="portal-1" required></label><br>
  <label>Refresh token <input type="text" name="refreshToken" required></label>
  <button type="submit">Connect</button>
  ${c.plandayRefreshToken ? html`<div class="creds">demo refresh token (new portal) <code data-testid="demo-planday-refresh-token">${c.plandayRefreshToken}</code></div>` : ''}
</form>`;
    case 'api_key':
      return html`<form class="stack" method="post" action="${base}/credentials" data-testid="form-${system.id}-api-key">
  <strong>${method.title}</strong><br>
  <input type="hidden" name="kind" value="api_key"><input type="hidden" name="label" value="${method.label}">
  ${returnTo}
  <label>API key <input type="text" name="key" required></label>
  <button type="submit">Connect</button>
  ${c.apiKey ? html`<div class="creds">demo API key <code data-testid="demo-api-key">${c.apiKey}</code></div>` : ''}
</form>`;
    case 'client_credentials':
      return html`<form class="stack" method="post" action="${base}/client-credentials" data-testid="form-${system.id}-client-credentials">
  ${returnTo}
  <button type="submit">${method.title}</button>
</form>`;
  }
}
