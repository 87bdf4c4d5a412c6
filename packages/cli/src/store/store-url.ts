import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configurationError } from '../errors';
import { redactUrl } from '@authkit/core';

/** Where the connections are, as read from a store URL. */
export type StoreLocation =
  | { kind: 'file'; directory: string }
  | { kind: 'redis'; url: string; prefix?: string }
  | { kind: 'postgres'; connectionString: string; schema?: string; tablePrefix?: string };

const SUPPORTED = 'file:<directory>, redis://…, rediss://… or postgres://…';

/**
 * Parses a store URL:
 *
 * - `file:./.data/authkit` (relative to `cwd`), `file:/abs/dir` or `file:///abs/dir`;
 * - `redis://[:password@]host:port[/db][?prefix=myapp:authkit:]` (also `rediss://`); `prefix`
 *   is the store's key prefix (default `authkit:`) and is not passed on to Redis;
 * - `postgres://…` or `postgresql://…` for `@authkit/store-postgres`; the store's `schema` and
 *   `tablePrefix` options may be given as query parameters, which are not passed on to PostgreSQL.
 *   A connection string pg accepts but WHATWG URLs do not (a socket directory as `?host=`, several
 *   hosts) is passed on untouched, options and all.
 *
 * Errors never repeat the URL: it may hold a password.
 */
export function parseStoreUrl(value: string, cwd: string): StoreLocation {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'file') return { kind: 'file', directory: fileDirectory(value, cwd) };
  if (scheme === 'redis' || scheme === 'rediss') return redisLocation(value);
  if (scheme === 'postgres' || scheme === 'postgresql') return postgresLocation(value);
  throw configurationError(`The store URL must be ${SUPPORTED}${scheme === undefined ? '' : ` (got a ${scheme}: URL)`}`);
}

function fileDirectory(value: string, cwd: string): string {
  if (value.startsWith('file://')) {
    try {
      return fileURLToPath(value);
    } catch (cause) {
      throw configurationError('A file:// store URL must name a local absolute path (file:///path); use file:./dir for a relative one', cause);
    }
  }
  const path = decodeURIComponent(value.slice('file:'.length));
  if (path.length === 0) throw configurationError('The file: store URL names no directory (e.g. file:./.data/authkit)');
  return isAbsolute(path) ? path : resolve(cwd, path);
}

/**
 * `new URL(value)`, or `undefined` when it does not parse. The parse error is dropped, not kept as a
 * cause: Node's ERR_INVALID_URL carries the whole URL (password included) as `input`.
 */
function tryParseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function redisLocation(value: string): StoreLocation {
  const url = tryParseUrl(value);
  if (url === undefined) throw configurationError('The redis:// store URL is not a valid URL');
  const prefix = url.searchParams.get('prefix');
  url.searchParams.delete('prefix');
  return { kind: 'redis', url: url.toString(), ...(prefix === null ? {} : { prefix }) };
}

function postgresLocation(value: string): StoreLocation {
  const url = tryParseUrl(value);
  // pg accepts connection strings that WHATWG URLs do not (`postgres://user@/db?host=/var/run/postgresql`,
  // several hosts): pass those on untouched, as before, and let pg judge them.
  if (url === undefined) return { kind: 'postgres', connectionString: value };
  const schema = url.searchParams.get('schema');
  const tablePrefix = url.searchParams.get('tablePrefix');
  // Only rewrite the URL when there was something to take out: pg reads the rest as it is.
  if (schema === null && tablePrefix === null) return { kind: 'postgres', connectionString: value };
  url.searchParams.delete('schema');
  url.searchParams.delete('tablePrefix');
  return {
    kind: 'postgres',
    connectionString: url.toString(),
    ...(schema === null ? {} : { schema }),
    ...(tablePrefix === null ? {} : { tablePrefix }),
  };
}

/** The location for messages: a URL's password (and password-like query parameters) replaced by `***`. */
export function describeStoreLocation(location: StoreLocation): string {
  switch (location.kind) {
    case 'file':
      return `file store ${location.directory}`;
    case 'redis':
      return `Redis store ${redactUrl(location.url)}${location.prefix === undefined ? '' : ` (prefix ${location.prefix})`}`;
    case 'postgres': {
      const names = [
        ...(location.schema === undefined ? [] : [`schema ${location.schema}`]),
        ...(location.tablePrefix === undefined ? [] : [`table prefix ${location.tablePrefix}`]),
      ];
      return `PostgreSQL store ${redactUrl(location.connectionString)}${names.length === 0 ? '' : ` (${names.join(', ')})`}`;
    }
  }
}
