import { unreadBodies } from './unread-bodies';

/** The parts of a Node `ServerResponse` (or an Express response) this module writes. */
export interface NodeResponseLike {
  /** The request being answered (Node sets it on every `ServerResponse`). */
  readonly req?: object;
  statusCode: number;
  setHeader(name: string, value: string | readonly string[]): unknown;
  end(chunk?: Uint8Array): unknown;
}

// The body is sent whole below, framed by Node itself; these would contradict it.
const SKIPPED = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'set-cookie']);

/** Writes a Web `Response` to a Node response: status, headers (every `Set-Cookie`), body. */
export async function sendWebResponse(response: Response, res: NodeResponseLike): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (!SKIPPED.has(name)) res.setHeader(name, value);
  });
  if (res.req !== undefined && unreadBodies.has(res.req)) res.setHeader('connection', 'close');
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  const body = response.body === null ? undefined : new Uint8Array(await response.arrayBuffer());
  res.end(body);
}
