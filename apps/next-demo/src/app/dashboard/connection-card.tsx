import type { CardView } from '@authkit/demo-kit';
import { PostForm } from './post-form';

function Reconnect({ card }: { card: CardView }) {
  const r = card.reconnect;
  if (r === undefined) return null;
  if (r.kind === 'link')
    return (
      <div className="reconnect">
        <a className="button primary" data-testid="reconnect" href={r.href}>
          {r.text}
        </a>
      </div>
    );
  return (
    <div className="reconnect" data-testid="reconnect">
      <p className="hint">{r.note}</p>
      <PostForm form={r.form} primary />
    </div>
  );
}

/** One connection, as demo-kit's HTML card (same classes, texts and test ids). */
export function ConnectionCard({ card }: { card: CardView }) {
  const result = card.result;
  return (
    <article className="card" id={card.anchor} data-testid={card.testId}>
      <div className="card-head">
        <span className="method" data-testid="method">
          {card.method}
        </span>
        {card.label !== undefined && (
          <span className="label">
            · <code data-testid="label">{card.label}</code>
          </span>
        )}
        <span className={`status tone-${card.status.tone}`} data-testid="status">
          {card.status.text}
        </span>
      </div>
      <ol className="timeline" data-testid="timeline">
        {card.timeline.map((item) => (
          <li key={item.testId} className={`tone-${item.tone}`} data-testid={item.testId}>
            {item.label}: {item.at === undefined ? item.text : <time dateTime={item.at}>{item.text}</time>}
          </li>
        ))}
      </ol>
      <p className="scopes">
        Scopes: <span data-testid="scopes">{card.scopes.length > 0 ? card.scopes.join(' ') : 'none recorded'}</span>
      </p>
      {card.metadata.length > 0 && (
        <p className="meta">
          {card.metadata.map(([k, v]) => (
            <span key={k}>
              {k}: <code>{v}</code>{' '}
            </span>
          ))}
        </p>
      )}
      {card.events.length > 0 && (
        <ol className="events" data-testid="events">
          {card.events.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <time dateTime={e.at}>{e.time}</time>
              {e.text}
            </li>
          ))}
        </ol>
      )}
      <div className="actions">
        <a className="button primary" href={card.callHref} data-testid="call-api">
          Call API
        </a>
        {card.refresh !== undefined && <PostForm form={card.refresh} />}
        {card.verify !== undefined && <PostForm form={card.verify} />}
        <PostForm form={card.disconnect} />
      </div>
      <Reconnect card={card} />
      {result !== undefined && (
        <div className="result" id={card.resultAnchor} data-testid="api-result-box">
          <p>
            {result.request} → <span data-testid="api-status">{result.status === undefined ? 'no answer' : `HTTP ${result.status}`}</span>
          </p>
          <pre data-testid="api-result">{result.body}</pre>
        </div>
      )}
    </article>
  );
}
