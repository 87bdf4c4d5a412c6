/**
 * The exit codes of `authkit`, one per kind of outcome, so scripts can tell "fix your
 * configuration" from "the provider is down, try later" from "the user must reconnect".
 * They are part of the public contract: never renumber one.
 */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** An unexpected error (a bug, or a failure AuthKit does not classify). */
  failure: 1,
  /** Bad arguments: unknown command or option, missing argument. */
  usage: 2,
  /** Bad configuration: store URL, AUTHKIT_ENCRYPTION_KEY, `--config` module, unknown provider. */
  configuration: 3,
  /** No connection with that id. */
  notFound: 4,
  /** The store failed: unreachable, a lock held too long, a concurrent write won. */
  store: 5,
  /** The provider refused the credential: the user must reconnect or paste a new one. */
  credentialRejected: 6,
  /** The provider is down, slow or rate limiting: try again later. */
  providerUnavailable: 7,
  /** A stored record cannot be decrypted: a key is missing from the ring, or the data was altered. */
  decryption: 8,
  /** The connection, provider or store cannot do what was asked (no verify call, nothing to refresh). */
  unsupported: 9,
  /** Stopped by SIGINT (Ctrl+C). */
  interrupted: 130,
} as const;

/** One of the values of {@link ExitCode}. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
