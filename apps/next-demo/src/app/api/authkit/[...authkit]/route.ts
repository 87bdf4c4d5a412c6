import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

/** Core's connect surface under /api/authkit (connect, callback, credentials, reconnect, disconnect). */
export async function GET(request: Request): Promise<Response> {
  return (await getRuntime()).next.handlers.GET(request);
}

export async function POST(request: Request): Promise<Response> {
  return (await getRuntime()).next.handlers.POST(request);
}
