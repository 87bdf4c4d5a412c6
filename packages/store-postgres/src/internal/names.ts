import { AuthKitError } from '@authkit/core';

/** Where the store's tables live: an optional schema and a table name prefix. */
export interface TableNames {
  /** Schema-qualified, quoted table names, ready to put into SQL. */
  readonly connections: string;
  readonly locks: string;
  readonly ephemeral: string;
  readonly migrations: string;
  /** Quoted schema, when one was named. */
  readonly schema: string | undefined;
  /** Unquoted prefix, for index names (which live in the table's schema). */
  readonly prefix: string;
}

// Identifiers are put into SQL text (they cannot be bind parameters), so only plain lower-case
// names are accepted: nothing to escape, nothing to inject, and no quoting surprises.
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function checkIdentifier(value: string, what: string, maxLength: number): void {
  if (!IDENTIFIER.test(value) || value.length > maxLength) {
    throw new AuthKitError(
      'configuration_error',
      `PostgreSQL store ${what} must be lower-case letters, digits and underscores (at most ${maxLength} characters), starting with a letter or underscore`,
    );
  }
}

/** The default table prefix: tables `authkit_connections`, `authkit_locks`, `authkit_ephemeral`. */
export const DEFAULT_TABLE_PREFIX = 'authkit_';

/** Validates the names and builds the quoted table names. */
export function tableNames(options: { schema?: string; tablePrefix?: string } = {}): TableNames {
  const prefix = options.tablePrefix ?? DEFAULT_TABLE_PREFIX;
  // 63 bytes is PostgreSQL's identifier limit; the longest derived name adds 24 characters.
  checkIdentifier(prefix, 'tablePrefix', 39);
  if (options.schema !== undefined) checkIdentifier(options.schema, 'schema', 63);
  const schema = options.schema === undefined ? undefined : `"${options.schema}"`;
  const table = (name: string) => (schema === undefined ? `"${prefix}${name}"` : `${schema}."${prefix}${name}"`);
  return {
    connections: table('connections'),
    locks: table('locks'),
    ephemeral: table('ephemeral'),
    migrations: table('schema_migrations'),
    schema,
    prefix,
  };
}
