import type { ConnectionView } from '@authkit/core';
import { html, type SafeHtml } from '../html';
import type { DashboardModel, PageOptions } from './options';

function when(ms: number | undefined): string {
  return ms === undefined ? 'never' : new Date(ms).toISOString();
}

/** One connection on the dashboard: its state, "Call API", reauthorize and disconnect. */
export function connectionCard(options: PageOptions, model: DashboardModel, connection: ConnectionView): SafeHtml {
  const provider = encodeURIComponent(connection.providerId);
  const label = connection.label ?? '';
  const result = model.result?.connectionId === connection.id ? model.result : undefined;
  const returnTo = options.returnTo ? html`<input type="hidden" name="returnTo" value="/">` : '';
  const reauthorization = connection.status === 'reauthorization_required';
  return html`<div class="connection" data-testid="connection-${connection.providerId}${label ? `-${label}` : ''}">
  <strong>${connection.credentialKind}</strong>${label ? html` · label <code>${label}</code>` : ''}
  · status <span class="status-${connection.status}" data-testid="status">${connection.status}</span>
  · expires at <span data-testid="expires-at">${when(connection.expiresAt)}</span>
  ${connection.refreshTokenExpiresAt ? html`· refresh token expires at ${when(connection.refreshTokenExpiresAt)}` : ''}
  · scopes <span data-testid="scopes">${connection.scopes.length > 0 ? connection.scopes.join(' ') : '—'}</span>
  ${options.flagReauthorization && reauthorization ? html`<strong> · reauthorization required</strong>` : ''}
  ${Object.keys(connection.metadata).length > 0 ? html`<br><small>metadata: ${JSON.stringify(connection.metadata)}</small>` : ''}
  <div>
    <form class="inline" method="${options.callMethod}" action="/call">
      <input type="hidden" name="provider" value="${connection.providerId}">
      <input type="hidden" name="label" value="${label}">
      <button type="submit">Call API</button>
    </form>
    ${reauthorization ? html`<a href="${options.oauthBase}/${provider}/reconnect?connection=${encodeURIComponent(connection.id)}&amp;returnTo=/">Authorize again</a>` : ''}
    <form class="inline" method="post" action="${options.formBase}/${provider}/disconnect">
      <input type="hidden" name="label" value="${label}">
      ${returnTo}
      <button type="submit">Disconnect</button>
    </form>
  </div>
  ${result ? html`<p>${result.request} → HTTP <span data-testid="api-status">${result.status}</span></p><pre data-testid="api-result">${result.body}</pre>` : ''}
</div>`;
}
