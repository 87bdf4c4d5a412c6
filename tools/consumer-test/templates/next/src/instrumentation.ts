// Next.js runs register() once per server process: AuthKit's maintenance runs beside requests.
import { getAuthKit } from '@/lib/authkit';

export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') getAuthKit().startMaintenance({ intervalMs: 60_000 });
}
