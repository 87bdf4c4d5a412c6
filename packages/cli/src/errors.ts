import { isAuthKitError, TokenEndpointError } from '@authkit/core';
import type { AuthKitErrorCode } from '@authkit/core';
import { ExitCode, type ExitCodeValue } from './exit-codes';

/** Codes of errors the CLI itself raises, beside AuthKit's own error codes. */
export type CliErrorCode = 'usage' | 'configuration_error' | 'connection_not_found' | 'unsupported' | 'interrupted';

/**
 * An error the CLI raises about its own input or about what cannot be done. Like AuthKit's
 * errors, its message names fields, files and ids, never a secret value.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: CliErrorCode;
  readonly exitCode: ExitCodeValue;

  constructor(code: CliErrorCode, message: string, exitCode: ExitCodeValue, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** A configuration problem (exit code 3). */
export function configurationError(message: string, cause?: unknown): CliError {
  return new CliError('configuration_error', message, ExitCode.configuration, cause === undefined ? undefined : { cause });
}

/** What the CLI reports for a failure: a stable code, a safe message and the exit code. */
export interface FailureReport {
  code: string;
  message: string;
  exitCode: ExitCodeValue;
}

// Every AuthKit error code the CLI can meet, by the exit code that tells a script what to do next.
const EXIT_BY_AUTHKIT_CODE: Partial<Record<AuthKitErrorCode, ExitCodeValue>> = {
  configuration_error: ExitCode.configuration,
  host_not_allowed: ExitCode.configuration,
  connection_not_found: ExitCode.notFound,
  store_unavailable: ExitCode.store,
  lock_timeout: ExitCode.store,
  version_conflict: ExitCode.store,
  reauthorization_required: ExitCode.credentialRejected,
  invalid_credential: ExitCode.credentialRejected,
  unauthenticated: ExitCode.credentialRejected,
  permission_denied: ExitCode.credentialRejected,
  authorization_denied: ExitCode.credentialRejected,
  provider_unavailable: ExitCode.providerUnavailable,
  rate_limited: ExitCode.providerUnavailable,
  decryption_failed: ExitCode.decryption,
};

/** Node's own errors (ENOENT, ECONNREFUSED, ERR_MODULE_NOT_FOUND…) describe files and sockets, not data. */
function isSystemError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && /^(E[A-Z]+|ERR_[A-Z_]+)$/.test(code);
}

/**
 * Classifies any thrown value. Only messages written to be shown are passed on (AuthKit's, the
 * CLI's own and Node's system errors, none of which hold secrets); anything else is reported by
 * its class name alone, because a foreign error's message may quote the data it choked on
 * (a JSON parser quotes the text it could not read).
 */
export function describeFailure(error: unknown): FailureReport {
  if (error instanceof CliError) return { code: error.code, message: error.message, exitCode: error.exitCode };
  if (isAuthKitError(error)) {
    // A token endpoint that answered 5xx or timed out is "try later", not "reconnect".
    if (error.code === 'token_endpoint_error') {
      const transient = error instanceof TokenEndpointError ? error.transient : (error as { transient?: unknown }).transient === true;
      return { code: error.code, message: error.message, exitCode: transient ? ExitCode.providerUnavailable : ExitCode.credentialRejected };
    }
    return { code: error.code, message: error.message, exitCode: EXIT_BY_AUTHKIT_CODE[error.code] ?? ExitCode.failure };
  }
  if (isSystemError(error)) return { code: error.code, message: error.message, exitCode: ExitCode.failure };
  const name = error instanceof Error ? error.name : typeof error;
  return {
    code: 'internal_error',
    message: `Unexpected ${name} (its message is not shown, as it may quote stored data; set AUTHKIT_DEBUG=1 to print it)`,
    exitCode: ExitCode.failure,
  };
}
