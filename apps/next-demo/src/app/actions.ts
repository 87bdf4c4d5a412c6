'use server';

import { runDemoAction } from '@authkit/demo-kit';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getRuntime } from '@/lib/runtime';

/**
 * The demo's buttons beside the connect surface ("Refresh now", "Verify", "Mint a new demo
 * credential") as one server action; the outcome is in the URL it redirects to, as the
 * surface does for its own forms.
 */
export async function demoAction(form: FormData): Promise<void> {
  const { authkit, bank, next, env } = await getRuntime();
  const action = form.get('demo_action');
  const location = await runDemoAction({
    authkit,
    bank,
    user: await next.getOwnerId(),
    action: typeof action === 'string' ? action : '',
    origin: (await headers()).get('origin') ?? undefined,
    appOrigin: new URL(env.appUrl).origin,
    field: (name) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : undefined;
    },
    onError: (error) => console.error('[next-demo] demo action failed', error),
  });
  redirect(location);
}
