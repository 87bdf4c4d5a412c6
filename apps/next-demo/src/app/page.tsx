import type { AuthKit, ConnectionView } from '@authkit/core';
import { isAuthKitError } from '@authkit/core';
import { getServerSession } from 'next-auth';
import { getRuntime } from '@/lib/runtime';
import { SYSTEMS } from '@/lib/systems';
import type { DemoSystem } from '@/lib/systems';
import { disconnect } from './actions';
import { ConnectForm } from './connect-form';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

interface CallResult {
  ok: boolean;
  status?: number;
  body: string;
}

/** Calls the system's API through AuthKit's signed client; errors show their code only. */
async function callApi(authkit: AuthKit, system: DemoSystem, connection: ConnectionView): Promise<CallResult> {
  try {
    const response = await authkit.client(connection.providerId, connection.id).fetch(system.call.path, { method: system.call.method });
    const text = await response.text();
    return { ok: response.ok, status: response.status, body: text.length > 800 ? `${text.slice(0, 800)}…` : text };
  } catch (error) {
    return { ok: false, body: isAuthKitError(error) ? `${error.code}: ${error.message}` : 'request failed' };
  }
}

function when(ms: number | undefined): string {
  return ms === undefined ? '—' : new Date(ms).toISOString();
}

function one(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export default async function Dashboard({ searchParams }: { searchParams: SearchParams }) {
  const query = await searchParams;
  const runtime = await getRuntime();
  const session = await getServerSession(runtime.authOptions);

  if (!session?.authkit) {
    return (
      <main>
        <h1>AuthKit · Next.js demo</h1>
        <p>Sign in with one of the sandbox providers (you will see its consent page) or as a demo user.</p>
        <p>
          <a href="/api/auth/signin" data-testid="sign-in">
            Sign in
          </a>
        </p>
      </main>
    );
  }

  const { authkit } = runtime;
  const credentials = await runtime.demoCredentials().catch(() => undefined);
  const results = new Map<string, CallResult>();
  await Promise.all(
    (await runtime.next.getConnections())
      .filter((c) => c.status === 'active')
      .map(async (c) => {
        const system = SYSTEMS.find((s) => s.providerId === c.providerId);
        if (system) results.set(c.id, await callApi(authkit, system, c));
      }),
  );
  // Read again after the calls: a refused refresh during a call shows up in this render.
  const connections = await runtime.next.getConnections();
  const error = one(query.authkit_error);
  const connected = one(query.authkit_connected) ?? (one(query.authkit) === 'connected' ? one(query.authkit_provider) : undefined);

  return (
    <main>
      <h1>AuthKit · Next.js demo</h1>
      <p>
        Signed in as <strong data-testid="user">{session.user?.name ?? session.authkit.ownerId}</strong> (
        <code data-testid="owner">{session.authkit.ownerId}</code>) · <a href="/api/auth/signout" data-testid="sign-out">Sign out</a>
      </p>
      {session.error === 'reauthorization_required' && (
        <p className="banner" data-testid="session-error">
          A connection needs you to authorize again (session.error = {session.error}). Use its Reconnect button below.
        </p>
      )}
      {error && (
        <p className="error" data-testid="flash-error">
          {one(query.provider) ?? 'AuthKit'}: {error}
        </p>
      )}
      {connected && (
        <p className="ok" data-testid="flash-connected">
          Connected {connected}.
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>System</th>
            <th>Connections</th>
            <th>Connect</th>
          </tr>
        </thead>
        <tbody>
          {SYSTEMS.map((system) => {
            const mine = connections.filter((c) => c.providerId === system.providerId);
            return (
              <tr key={system.providerId} data-testid={`system-${system.providerId}`}>
                <td>
                  <strong>{system.name}</strong>
                  <br />
                  <code>
                    {system.call.method} {system.call.path}
                  </code>
                </td>
                <td>
                  {mine.length === 0 && <em>not connected</em>}
                  {mine.map((c) => {
                    const result = results.get(c.id);
                    return (
                      <div key={c.id} data-testid={`connection-${c.providerId}${c.label ? `-${c.label}` : ''}`}>
                        <p>
                          <strong className={c.status === 'active' ? 'ok' : 'bad'} data-testid="status">
                            {c.status}
                          </strong>{' '}
                          {c.credentialKind}
                          {c.label ? ` (${c.label})` : ''} · expires {when(c.expiresAt)} · scopes {c.scopes.join(' ') || '—'}
                        </p>
                        {c.status !== 'active' &&
                          (c.grant === 'authorization_code' ? (
                            <a href={`/api/authkit/${system.providerId}/reconnect?connection=${encodeURIComponent(c.id)}&returnTo=/`} data-testid="reconnect">
                              Reconnect
                            </a>
                          ) : (
                            <em data-testid="reconnect">Reconnect: submit a new credential in the form on the right.</em>
                          ))}
                        <form method="get" className="inline">
                          <button type="submit">Call API</button>
                        </form>{' '}
                        <form action={disconnect} className="inline">
                          <input type="hidden" name="connectionId" value={c.id} />
                          <button type="submit">Disconnect</button>
                        </form>
                        {result && (
                          <pre data-testid="api-result" className={result.ok ? 'ok' : 'bad'}>
                            {result.status ? `HTTP ${result.status}\n` : ''}
                            {result.body}
                          </pre>
                        )}
                      </div>
                    );
                  })}
                </td>
                <td>
                  {system.oauth && (
                    <p>
                      <a href={`/api/authkit/${system.providerId}/connect`} data-testid={`connect-${system.providerId}`}>
                        Connect {system.name} (OAuth)
                      </a>
                    </p>
                  )}
                  {system.forms.map((form) => (
                    <ConnectForm key={form.form} form={form} credentials={credentials} />
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </main>
  );
}
