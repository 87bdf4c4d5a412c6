import type { CardView } from '../dashboard/model';
import { html, type SafeHtml } from '../html';
import { postForm } from './form';

function reconnect(card: CardView): SafeHtml | '' {
  const r = card.reconnect;
  if (r === undefined) return '';
  if (r.kind === 'link') return html`<div class="reconnect"><a class="button primary" data-testid="reconnect" href="${r.href}">${r.text}</a></div>`;
  return html`<div class="reconnect" data-testid="reconnect"><p class="hint">${r.note}</p>${postForm(r.form, { primary: true })}</div>`;
}

/** One connection: method, status, timeline, scopes, recent events, actions, the last API answer. */
export function connectionCard(card: CardView): SafeHtml {
  const result = card.result;
  return html`<article class="card" id="${card.anchor}" data-testid="${card.testId}">
  <div class="card-head">
    <span class="method" data-testid="method">${card.method}</span>
    ${card.label === undefined ? '' : html`<span class="label">· <code data-testid="label">${card.label}</code></span>`}
    <span class="status tone-${card.status.tone}" data-testid="status">${card.status.text}</span>
  </div>
  <ol class="timeline" data-testid="timeline">
    ${card.timeline.map((item) => html`<li class="tone-${item.tone}" data-testid="${item.testId}">${item.label}: ${item.at === undefined ? item.text : html`<time datetime="${item.at}">${item.text}</time>`}</li>`)}
  </ol>
  <p class="scopes">Scopes: <span data-testid="scopes">${card.scopes.length > 0 ? card.scopes.join(' ') : 'none recorded'}</span></p>
  ${card.metadata.length > 0 ? html`<p class="meta">${card.metadata.map(([k, v]) => html`<span>${k}: <code>${v}</code> </span>`)}</p>` : ''}
  ${card.events.length > 0 ? html`<ol class="events" data-testid="events">${card.events.map((e) => html`<li><time datetime="${e.at}">${e.time}</time>${e.text}</li>`)}</ol>` : ''}
  <div class="actions">
    <a class="button primary" href="${card.callHref}" data-testid="call-api">Call API</a>
    ${card.refresh === undefined ? '' : postForm(card.refresh)}
    ${card.verify === undefined ? '' : postForm(card.verify)}
    ${postForm(card.disconnect)}
  </div>
  ${reconnect(card)}
  ${result === undefined ? '' : html`<div class="result" id="${card.resultAnchor}" data-testid="api-result-box">
    <p>${result.request} → <span data-testid="api-status">${result.status === undefined ? 'no answer' : `HTTP ${result.status}`}</span></p>
    <pre data-testid="api-result">${result.body}</pre>
  </div>`}
</article>`;
}
