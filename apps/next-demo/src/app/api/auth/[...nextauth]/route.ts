import NextAuth from 'next-auth';
import { getRuntime } from '@/lib/runtime';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ nextauth: string[] }> };

// The options are built at first request (the sandbox starts then, never during `next build`).
async function handler(request: Request, context: Context): Promise<Response> {
  const { authOptions } = await getRuntime();
  return NextAuth(request as never, context as never, authOptions) as Promise<Response>;
}

export { handler as GET, handler as POST };
