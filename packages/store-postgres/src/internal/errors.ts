import { AuthKitError, isAuthKitError } from '@authkit/core';

// SQLSTATEs that mean the tables (or the schema) are not there: the migration was not run.
const MISSING_SCHEMA = new Set(['42P01', '3F000']);

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Turns whatever `pg` threw into an AuthKitError. Database errors are named by SQLSTATE only:
 * their messages and details can quote the values of a statement, and a value can be a
 * secret (a plaintext development record). Network errors keep their message (`connect
 * ECONNREFUSED 127.0.0.1:5432`, `Connection terminated unexpectedly`), which holds none.
 */
export function toStoreError(error: unknown, what: string): AuthKitError {
  if (isAuthKitError(error)) return error;
  const state = sqlState(error);
  if (state !== undefined && MISSING_SCHEMA.has(state)) {
    return new AuthKitError(
      'configuration_error',
      `PostgreSQL store tables are missing (SQLSTATE ${state} during ${what}): run the migration first (store.migrate(), or the SQL of postgresStoreMigrations() / sql/001_init.sql in your own migration tool)`,
      { cause: error },
    );
  }
  const reason = state !== undefined ? `database error SQLSTATE ${state}` : error instanceof Error ? error.message : String(error);
  return new AuthKitError('store_unavailable', `PostgreSQL store unavailable during ${what}: ${reason}`, { cause: error });
}
