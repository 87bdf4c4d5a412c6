#!/usr/bin/env node
/**
 * The `authkit` bin. `runCli` does the work and resolves with the exit code; this file only
 * ties it to the process.
 */
import { runCli } from './run';

// Core sleeps between token-endpoint retries on unref'd timers, so that an app can exit in the
// middle of a back-off. Here that would end the process, with exit code 0, mid-command: this
// timer holds the process until the command has settled.
const hold = setInterval(() => undefined, 60_000);

void runCli(process.argv.slice(2)).then((code) => {
  clearInterval(hold);
  process.exitCode = code;
  // A config module may leave something open (a store client, a keep-alive socket); the
  // command is done, so do not wait for it. Unref'd: a clean process exits at once.
  setTimeout(() => process.exit(code), 500).unref();
});
