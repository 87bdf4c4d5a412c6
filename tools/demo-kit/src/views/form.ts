import type { FieldView, FormView } from '../dashboard/model';
import { html, type SafeHtml } from '../html';

/** A field: hidden, or a labelled text input that browsers neither autocomplete nor spell-check (credentials). */
export function field(f: FieldView): SafeHtml {
  if (f.type === 'hidden') return html`<input type="hidden" name="${f.name}" value="${f.value ?? ''}">`;
  return html`<label class="field">${f.label}${f.required ? '' : ' (optional)'}
  <input type="text" name="${f.name}" value="${f.value ?? ''}" ${f.required ? html`required` : ''} autocomplete="off" spellcheck="false">
  ${f.hint === undefined ? '' : html`<span class="hint">${f.hint}</span>`}</label>`;
}

/** A POST form; `className` for connect forms, `heading` above their fields. */
export function postForm(form: FormView, options: { className?: string; heading?: string; primary?: boolean } = {}): SafeHtml {
  return html`<form method="post" action="${form.action}" data-testid="${form.testId}"${options.className ? html` class="${options.className}"` : ''}>
  ${options.heading === undefined ? '' : html`<h3>${options.heading}</h3>`}
  ${form.fields.map(field)}
  <button type="submit"${options.primary ? html` class="primary"` : ''}>${form.button}</button>
</form>`;
}
