import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import NextAuth from 'next-auth';
import type { AuthOptions } from 'next-auth';

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies[part.slice(0, index).trim()] = decodeURIComponent(part.slice(index + 1).trim());
  }
  return cookies;
}

async function readForm(req: IncomingMessage): Promise<Record<string, string> | undefined> {
  if (req.method !== 'POST') return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/**
 * Serves next-auth's own API handler (the pages-router form of `NextAuth(options)`) over real
 * HTTP on a random port, with the few `req`/`res` helpers Next.js would add. Sets
 * `NEXTAUTH_URL` to the server's origin, as an app does.
 */
export async function startNextAuthServer(
  options: AuthOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const handler = NextAuth(options) as (req: unknown, res: unknown) => Promise<void>;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith('/api/auth/')) {
        res.statusCode = 404;
        res.end();
        return;
      }
      const nextauth = url.pathname.slice('/api/auth/'.length).split('/').filter(Boolean);
      const shimReq = Object.assign(req, {
        query: { ...Object.fromEntries(url.searchParams), nextauth },
        cookies: parseCookies(req.headers.cookie),
        body: await readForm(req),
      });
      const shimRes = Object.assign(res, {
        status(code: number) {
          res.statusCode = code;
          return shimRes;
        },
        json(value: unknown) {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(value));
        },
        send(value: unknown) {
          if (typeof value === 'object' && value !== null) shimRes.json(value);
          else res.end(value === undefined ? undefined : String(value));
        },
      });
      await handler(shimReq, shimRes);
    })().catch(() => {
      res.statusCode = 500;
      res.end('handler failed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  process.env.NEXTAUTH_URL = url;
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
