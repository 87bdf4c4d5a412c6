import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ provider: string; action: string }> };

/** `/api/authkit/{provider}/connect` and `/callback`: connect another provider to the signed-in user. */
export async function GET(request: Request, context: Context): Promise<Response> {
  const { connectHandlers } = await getRuntime();
  return connectHandlers.GET(request, context);
}
