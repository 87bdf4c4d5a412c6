import type { DashboardView } from '@authkit/demo-kit';
import { SignOutButton } from '../sign-out';
import { ConnectMethod } from './connect-method';
import { ConnectionCard } from './connection-card';

/** demo-kit's dashboard view model in JSX: the same page as the Express and Nest demos'. */
export function Dashboard({ view }: { view: DashboardView }) {
  return (
    <>
      <header className="top">
        <h1>{view.title}</h1>
        <div>
          Signed in as <strong data-testid="user">{view.user}</strong> <SignOutButton />
        </div>
      </header>
      <p>
        Sandbox: <code>{view.sandboxUrl}</code>. Connect buttons go through the sandbox&apos;s consent pages; forms take the demo credentials shown beside
        them.
      </p>
      {view.notice !== undefined && (
        <p className={`notice notice-${view.notice.tone}`} role={view.notice.tone === 'error' ? 'alert' : 'status'} data-testid="notice">
          {view.notice.text}
        </p>
      )}
      {view.systems.map((system) => (
        <section key={system.id} className="system" id={`system-${system.id}`} data-testid={`system-${system.id}`}>
          <h2>{system.name}</h2>
          <p className="blurb">{system.blurb}</p>
          <div className="columns">
            <div>
              {system.connections.length === 0 ? (
                <p className="empty">Not connected.</p>
              ) : (
                system.connections.map((card) => <ConnectionCard key={card.id} card={card} />)
              )}
            </div>
            <div>
              {system.methods.map((method) => (
                <ConnectMethod key={method.kind === 'link' ? method.testId : method.form.testId} method={method} />
              ))}
            </div>
          </div>
        </section>
      ))}
    </>
  );
}
