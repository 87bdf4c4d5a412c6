import { buildDashboard } from '@authkit/demo-kit';
import { getServerSession } from 'next-auth';
import { CONNECT_BASE, getRuntime } from '@/lib/runtime';
import { Dashboard } from './dashboard/dashboard';
import { SignInForm } from './sign-in';

export const dynamic = 'force-dynamic';

const TITLE = 'AuthKit Next.js demo';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The query as the URL had it (each name once is all the dashboard reads). */
function queryOf(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(name, one);
  return query;
}

/** A server component: the dashboard is built on the server (tokens never reach the browser). */
export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  const runtime = await getRuntime();
  const session = await getServerSession(runtime.authOptions);
  const user = await runtime.next.getOwnerId();
  if (session === null || user === undefined) return <SignInForm title={TITLE} />;
  const view = await buildDashboard({
    title: TITLE,
    authkit: runtime.authkit,
    user,
    basePath: CONNECT_BASE,
    sandboxUrl: runtime.sandbox.url,
    bank: runtime.bank,
    events: runtime.events,
    query: queryOf(await searchParams),
  });
  // The page shows the person's name; connections belong to the next-auth user id.
  return <Dashboard view={{ ...view, user: session.user?.name ?? user }} />;
}
