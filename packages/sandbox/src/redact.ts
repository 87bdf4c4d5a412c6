import { createHash } from 'node:crypto';
import type { RequestLogEntry } from './types';

/** Headers that carry credentials. */
const SECRET_HEADERS = new Set(['authorization', 'x-plntr-app-token', 'x-api-key', 'cookie', 'proxy-authorization']);
/** Query parameters that carry credentials. */
const SECRET_PARAMS = ['api_key', 'access_token', 'code', 'refresh_token', 'client_secret'];

/**
 * A stable fingerprint in place of a secret: `[redacted sha256:<12 hex>]`. A test in another
 * process can compare it with the fingerprint of the value it expects, and no secret leaves
 * the sandbox through the admin API.
 */
export function fingerprint(value: string): string {
  return `[redacted sha256:${createHash('sha256').update(value).digest('hex').slice(0, 12)}]`;
}

function redactHeader(name: string, value: string): string {
  if (!SECRET_HEADERS.has(name)) return value;
  // Keep the scheme ("Bearer", "Basic") visible: tests assert which scheme was used.
  const scheme = /^(\w+) +(\S.*)$/.exec(value);
  return scheme && (name === 'authorization' || name === 'proxy-authorization') ? `${scheme[1]} ${fingerprint(scheme[2] ?? '')}` : fingerprint(value);
}

function redactPath(path: string): string {
  const q = path.indexOf('?');
  if (q < 0) return path;
  const params = new URLSearchParams(path.slice(q + 1));
  for (const name of SECRET_PARAMS) {
    const value = params.get(name);
    if (value !== null) params.set(name, fingerprint(value));
  }
  return `${path.slice(0, q)}?${params.toString()}`;
}

/** A copy of a log entry safe to serialise: credential headers and parameters fingerprinted. */
export function redactEntry(entry: RequestLogEntry): RequestLogEntry {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(entry.headers)) headers[name] = redactHeader(name, value);
  return { ...entry, path: redactPath(entry.path), headers };
}
