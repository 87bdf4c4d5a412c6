import type { DashboardView } from '../dashboard/model';
import { html } from '../html';
import { USER_NAME_PATTERN, USER_NAME_RULE } from '../user-name';
import { connectionCard } from './card';
import { layout } from './layout';
import { connectMethod } from './method';

/** The sign-in page (Express, Nest; Next renders the same form as a client component). */
export function loginPage(title: string, error?: string): string {
  return layout(
    `${title} — sign in`,
    html`<h1>${title}</h1>
<p>Sign in as anyone: this stands in for your app's real login. Connections belong to the signed-in user.</p>
${error ? html`<p class="notice notice-error" role="alert" data-testid="notice">${error}</p>` : ''}
<form method="post" action="/login" data-testid="login-form">
  <label class="field">User name <input type="text" name="user" autocomplete="username" required pattern="${USER_NAME_PATTERN}" title="${USER_NAME_RULE}"></label>
  <button type="submit" class="primary">Sign in</button>
</form>`,
  );
}

/** The signed-in dashboard from its view model. */
export function dashboardPage(view: DashboardView): string {
  return layout(
    view.title,
    html`<header class="top"><h1>${view.title}</h1>
<form method="post" action="/logout">Signed in as <strong data-testid="user">${view.user}</strong> <button type="submit">Sign out</button></form></header>
<p>Sandbox: <code>${view.sandboxUrl}</code>. Connect buttons go through the sandbox's consent pages; forms take the demo credentials shown beside them.</p>
${view.notice === undefined ? '' : html`<p class="notice notice-${view.notice.tone}" role="${view.notice.tone === 'error' ? 'alert' : 'status'}" data-testid="notice">${view.notice.text}</p>`}
${view.systems.map(
  (system) => html`<section class="system" id="system-${system.id}" data-testid="system-${system.id}">
  <h2>${system.name}</h2>
  <p class="blurb">${system.blurb}</p>
  <div class="columns">
    <div>${system.connections.length === 0 ? html`<p class="empty">Not connected.</p>` : system.connections.map(connectionCard)}</div>
    <div>${system.methods.map(connectMethod)}</div>
  </div>
</section>`,
)}`,
  );
}

/** An error page for the demo's own routes (a bug, a sandbox that is down), in core's words where it has them. */
export function errorPage(title: string, status: number, message: string): string {
  return layout(`${title} — error`, html`<h1>Something went wrong (HTTP ${status})</h1><p class="notice notice-error" role="alert" data-testid="notice">${message}</p><p><a href="/">Back to the dashboard</a></p>`);
}
