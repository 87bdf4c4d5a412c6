import type { DemoCredentialView, MethodView } from '../dashboard/model';
import { html, type SafeHtml } from '../html';
import { postForm } from './form';

function demoCredential(demo: DemoCredentialView | undefined): SafeHtml | '' {
  if (demo === undefined) return '';
  if (demo.kind === 'in_use') return html`<div class="demo-credential" data-testid="demo-in-use"><p>${demo.text}</p>${postForm(demo.mint)}</div>`;
  return html`<div class="demo-credential">${demo.items.map((item) => html`<div>${item.label}: <code data-testid="${item.testId}">${item.value}</code></div>`)}</div>`;
}

/** One way to connect: a link into the provider's consent page, or a form posting to the surface. */
export function connectMethod(method: MethodView): SafeHtml {
  if (method.kind === 'link') return html`<p><a class="button primary" data-testid="${method.testId}" href="${method.href}">${method.title}</a></p>`;
  return html`<div class="method-form">${postForm(method.form, { className: 'connect', heading: method.title })}${demoCredential(method.demo)}</div>`;
}
