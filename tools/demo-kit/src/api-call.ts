import { isAuthKitError, toHttpError, type AuthKit, type ConnectionView } from '@authkit/core';
import { apiCallFor } from './catalogue';

/** What "Call API" shows on the card: the request, and the answer or the error in words. */
export interface ApiResult {
  connectionId: string;
  /** e.g. `GET hr/v1/Departments` (relative to the provider's base URL). */
  request: string;
  ok: boolean;
  /** HTTP status, when the provider answered. */
  status?: number;
  /** The answer, pretty-printed when JSON; or the error's one wording. */
  body: string;
}

const MAX_BODY = 4000;

function pretty(text: string): string {
  let body = text;
  try {
    body = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: shown as it came
  }
  return body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}\n…` : body;
}

/**
 * Makes the system's read-only request with the connection's signed client. AuthKit errors
 * (reauthorization required, a refused credential, …) are shown in core's words, which never
 * contain a secret.
 */
export async function callApi(authkit: AuthKit, connection: ConnectionView): Promise<ApiResult> {
  const call = apiCallFor(connection);
  const request = `${call.method} ${call.path}`;
  try {
    const response = await authkit.client(connection.providerId, connection.id).fetch(call.path, { method: call.method, headers: { accept: 'application/json' } });
    return { connectionId: connection.id, request, ok: response.ok, status: response.status, body: pretty(await response.text()) };
  } catch (error) {
    if (!isAuthKitError(error)) throw error;
    const http = toHttpError(error, { providers: authkit.providers });
    return { connectionId: connection.id, request, ok: false, ...(error.status === undefined ? {} : { status: error.status }), body: http?.body.message ?? error.code };
  }
}
