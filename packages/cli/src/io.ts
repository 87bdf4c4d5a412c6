/** Where the CLI writes. `isTTY` decides between a redrawn progress bar and plain lines. */
export interface CliStream {
  write(text: string): void;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * Everything the CLI takes from its process, injectable so the commands can be run in-process
 * (the `authkit` bin passes the real ones).
 */
export interface CliIO {
  /** Results: tables, JSON documents, the generated key. */
  readonly stdout: CliStream;
  /** Progress, hints and errors, so that stdout stays parseable. */
  readonly stderr: CliStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative store paths and `--config` paths resolve against it. */
  readonly cwd: string;
  /** Resolves when the user asks a long-running command (`authkit sandbox`) to stop. */
  waitForStop(): Promise<void>;
  /**
   * While registered, Ctrl+C (or SIGTERM) prints `message()` to stderr and exits with code 130
   * instead of dying silently. Returns the function that unregisters it.
   */
  onInterrupt(message: () => string): () => void;
}

/** The IO of the running process: its streams, environment and SIGINT/SIGTERM. */
export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    waitForStop: () =>
      new Promise((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
    onInterrupt: (message) => {
      const interrupted = (): void => {
        process.stderr.write(`\n${message()}\n`);
        process.exit(130);
      };
      process.once('SIGINT', interrupted);
      process.once('SIGTERM', interrupted);
      return () => {
        process.off('SIGINT', interrupted);
        process.off('SIGTERM', interrupted);
      };
    },
  };
}
