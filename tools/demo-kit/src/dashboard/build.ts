import type { AuthKit, ConnectionView } from '@authkit/core';
import { callApi, type ApiResult } from '../api-call';
import { SYSTEMS } from '../catalogue';
import type { DemoCredentialBank, ShownCredentials } from '../credential-bank';
import type { EventLog } from '../events';
import { connectionCard } from './card';
import { methodView } from './methods';
import type { DashboardView } from './model';
import { noticeFrom } from './notice';

/** What the dashboard is built from: the same in every demo. */
export interface DashboardInput {
  title: string;
  authkit: AuthKit;
  user: string;
  /** The adapter's connect surface (`/connections`, `/authkit`, `/api/authkit`). */
  basePath: string;
  sandboxUrl: string;
  bank: DemoCredentialBank;
  events: EventLog;
  /** The page's query: the surface's outcome parameters, a demo action's, and `call`. */
  query: URLSearchParams;
  now?: number;
}

function byCreation(a: ConnectionView, b: ConnectionView): number {
  return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
}

/**
 * The signed-in user's dashboard as data. With `call=<connection id>` in the query the API
 * call is made now, before the connections are read, so a status it changed (a refused
 * credential, a refresh the provider refused) shows on the same page.
 */
export async function buildDashboard(input: DashboardInput): Promise<DashboardView> {
  const { authkit, user } = input;
  const callId = input.query.get('call');
  let result: ApiResult | undefined;
  if (callId !== null) {
    const target = await authkit.getConnection(callId);
    if (target !== undefined && target.ownerId === user) result = await callApi(authkit, target);
  }
  const connections = (await authkit.listConnections({ ownerId: user })).sort(byCreation);
  const credentials: ShownCredentials = await input.bank.visible(user, authkit, connections).catch(() => ({ shown: {}, inUse: {} }));
  const now = input.now ?? Date.now();
  const notice = noticeFrom(input.query, authkit.providers);
  return {
    title: input.title,
    user,
    sandboxUrl: input.sandboxUrl,
    ...(notice === undefined ? {} : { notice }),
    systems: SYSTEMS.map((system) => {
      const provider = authkit.providers.get(system.id);
      return {
        id: system.id,
        name: provider?.name ?? system.id,
        blurb: system.blurb,
        connections: connections
          .filter((c) => c.providerId === system.id)
          .map((c) =>
            connectionCard(c, {
              basePath: input.basePath,
              now,
              canVerify: provider?.verify !== undefined,
              events: input.events.recent(c.id),
              ...(result?.connectionId === c.id ? { result } : {}),
            }),
          ),
        methods: system.methods.map((method) => methodView(input.basePath, system, method, credentials)),
      };
    }),
  };
}
