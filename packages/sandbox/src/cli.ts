#!/usr/bin/env node
/**
 * `authkit-sandbox` / `pnpm sandbox`: runs the sandbox until SIGINT/SIGTERM and prints the
 * provider URLs plus ready-to-use demo credentials.
 */
import { runCli } from './run-cli';

runCli(process.argv.slice(2)).then(
  (sandbox) => {
    if (!sandbox) return;
    const stop = (): void => {
      void sandbox.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: unknown) => {
    console.error(`authkit-sandbox: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
