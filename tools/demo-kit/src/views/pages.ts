import { SYSTEMS } from '../catalogue';
import { html, layout } from '../html';
import { connectionCard } from './connection-card';
import { methodForm } from './method-form';
import type { DashboardModel, PageOptions } from './options';

/** The server-rendered pages of a demo, given where its routes are. */
export interface DemoPages {
  loginPage(error?: string): string;
  dashboardPage(model: DashboardModel): string;
  errorPage(status: number, code: string, message: string): string;
}

export function demoPages(options: PageOptions): DemoPages {
  const { title } = options;
  return {
    loginPage: (error) =>
      layout(
        `${title} — sign in`,
        html`<h1>${title}</h1>
<p>Sign in as anyone: this stands in for your app's real login. Connections belong to the signed-in user.</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/login">
  <label>User name <input type="text" name="user" autocomplete="username" required pattern="[A-Za-z0-9_.@-]{1,64}"></label>
  <button type="submit">Sign in</button>
</form>`,
      ),

    dashboardPage: (model) => {
      const systems = SYSTEMS.map((system) => {
        const connections = model.connections.filter((c) => c.providerId === system.id);
        return html`<section class="system" data-testid="system-${system.id}">
  <h2>${system.name}</h2>
  <p>${system.blurb}</p>
  ${connections.length === 0 ? html`<p><em>Not connected.</em></p>` : connections.map((c) => connectionCard(options, model, c))}
  ${system.methods.map((m) => methodForm(options, model, system, m))}
</section>`;
      });
      return layout(
        title,
        html`<header><h1>${title}</h1>
<form method="post" action="/logout">Signed in as <strong data-testid="user">${model.user}</strong> <button type="submit">Sign out</button></form></header>
<p>Sandbox: <code>${model.sandboxUrl}</code>. OAuth buttons go through the sandbox's consent page; forms take the demo credentials shown beside them.</p>
${model.error ? html`<p class="error" role="alert" data-testid="error">${model.error.code}: ${model.error.message}</p>` : ''}
${systems}`,
      );
    },

    errorPage: (status, code, message) =>
      layout(
        `${title} — error`,
        html`<h1>Something went wrong (HTTP ${status})</h1><p class="error" role="alert" data-testid="error">${code}: ${message}</p><p><a href="/">Back to the dashboard</a></p>`,
      ),
  };
}
