/** A JSON object as the admin API answers it, read field by field. */
export type JsonObject = Record<string, unknown>;

/**
 * One call to a remote sandbox's admin HTTP API. Failures name the method and the path
 * (`iguide.createApiToken (POST /__sandbox/iguide/api-tokens)`) and the admin API's own
 * error code and message, never a request or response body: those carry credentials.
 * `shownPath` replaces a path that holds a credential (an API key to revoke) in messages.
 */
export async function adminRequest(
  baseUrl: string,
  name: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: JsonObject,
  shownPath: string = path,
): Promise<JsonObject> {
  const where = `${name} (${method} /__sandbox${shownPath})`;
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/__sandbox${path}`, {
      method,
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new Error(`Sandbox admin ${where} failed: cannot reach ${baseUrl}`, { cause: error });
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const detail = isObject(answer) ? [answer.error, answer.message].filter((part) => typeof part === 'string').join(': ') : '';
    throw new Error(`Sandbox admin ${where} failed: HTTP ${response.status}${detail ? ` ${detail.slice(0, 200)}` : ''}`);
  }
  if (!isObject(answer)) throw new Error(`Sandbox admin ${where} failed: the answer is not a JSON object`);
  return answer;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a string field, naming the call and field when it is missing (never its value). */
export function stringField(answer: JsonObject, field: string, name: string): string {
  const value = answer[field];
  if (typeof value !== 'string') throw new Error(`Sandbox admin ${name}: the answer has no string "${field}"`);
  return value;
}
