import type { ConnectMethod, SystemEntry } from '../catalogue';
import { html, type SafeHtml } from '../html';
import type { DashboardModel, PageOptions } from './options';

interface PasteForm {
  /** Route under the system: `credentials`, `refresh-token`. */
  route: string;
  testId: string;
  title: string;
  /** Credential kind and connection label for AuthKit's static-credential route. */
  kindAndLabel?: { kind: string; label: string };
  fields: SafeHtml;
  /** The matching credential the sandbox minted, shown for a person to paste. */
  demo: SafeHtml | '';
}

/** A form for credentials a person pastes: they all look alike, only fields and demo differ. */
function pasteForm(options: PageOptions, system: SystemEntry, form: PasteForm): SafeHtml {
  const hidden = form.kindAndLabel
    ? html`<input type="hidden" name="kind" value="${form.kindAndLabel.kind}"><input type="hidden" name="label" value="${form.kindAndLabel.label}">`
    : '';
  return html`<form class="stack" method="post" action="${options.formBase}/${encodeURIComponent(system.id)}/${form.route}" data-testid="form-${system.id}-${form.testId}">
  <strong>${form.title}</strong><br>
  ${hidden}
  ${options.returnTo ? html`<input type="hidden" name="returnTo" value="/">` : ''}
  ${form.fields}
  <button type="submit">Connect</button>
  ${form.demo}
</form>`;
}

/** One way to connect a system: an OAuth button or a form for pasted or server credentials. */
export function methodForm(options: PageOptions, model: DashboardModel, system: SystemEntry, method: ConnectMethod): SafeHtml {
  const id = encodeURIComponent(system.id);
  const c = model.credentials;
  switch (method.kind) {
    case 'oauth':
      return html`<p><a class="button" data-testid="connect-${system.id}" href="${options.oauthBase}/${id}/connect?returnTo=/">${method.title}</a></p>`;
    case 'api_token':
      return pasteForm(options, system, {
        route: 'credentials',
        testId: 'api-token',
        title: method.title,
        kindAndLabel: { kind: 'api_token', label: method.label },
        fields: html`<label>Token id <input type="text" name="tokenId" required></label><br>
  <label>Token value <input type="text" name="tokenValue" required></label>`,
        demo: c.iguideApiToken
          ? html`<div class="creds">demo token id <code data-testid="demo-iguide-token-id">${c.iguideApiToken.id}</code>, value <code data-testid="demo-iguide-token">${c.iguideApiToken.token}</code></div>`
          : '',
      });
    case 'personal_access_token':
      return pasteForm(options, system, {
        route: 'credentials',
        testId: 'pat',
        title: method.title,
        kindAndLabel: { kind: 'personal_access_token', label: method.label },
        fields: html`<label>Token <input type="text" name="token" required></label>`,
        demo: c.plannrPat ? html`<div class="creds">demo PAT <code data-testid="demo-plannr-pat">${c.plannrPat}</code></div>` : '',
      });
    case 'refresh_token':
      return pasteForm(options, system, {
        route: 'refresh-token',
        testId: 'refresh-token',
        title: method.title,
        fields: html`<label>Portal label <input type="text" name="label" value="portal-1" required></label><br>
  <label>Refresh token <input type="text" name="refreshToken" required></label>`,
        demo: c.plandayRefreshToken
          ? html`<div class="creds">demo refresh token (new portal) <code data-testid="demo-planday-refresh-token">${c.plandayRefreshToken}</code></div>`
          : '',
      });
    case 'api_key':
      return pasteForm(options, system, {
        route: 'credentials',
        testId: 'api-key',
        title: method.title,
        kindAndLabel: { kind: 'api_key', label: method.label },
        fields: html`<label>API key <input type="text" name="key" required></label>`,
        demo: c.apiKey ? html`<div class="creds">demo API key <code data-testid="demo-api-key">${c.apiKey}</code></div>` : '',
      });
    case 'client_credentials':
      return html`<form class="stack" method="post" action="${options.formBase}/${id}/client-credentials" data-testid="form-${system.id}-client-credentials">
  ${options.returnTo ? html`<input type="hidden" name="returnTo" value="/">` : ''}
  <button type="submit">${method.title}</button>
</form>`;
  }
}
