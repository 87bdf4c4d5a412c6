'use server';

import { isDemoAction, runDemoAction } from '@authkit/demo-kit';
import { redirect } from 'next/navigation';
import { getRuntime } from '@/lib/runtime';

/**
 * The demo's buttons beside the connect surface ("Refresh now", "Verify", "Mint a new demo
 * credential") as one server action (Next checks its origin); the outcome is in the URL it
 * redirects to, as the surface does for its own forms.
 */
export async function demoAction(form: FormData): Promise<void> {
  const { authkit, bank, next } = await getRuntime();
  const user = await next.getOwnerId();
  const action = form.get('demo_action');
  if (user === undefined || !isDemoAction(action)) redirect('/');
  const location = await runDemoAction({
    authkit,
    bank,
    user,
    action,
    field: (name) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : undefined;
    },
    onError: (error) => console.error('[next-demo] demo action failed', error),
  });
  redirect(location);
}
