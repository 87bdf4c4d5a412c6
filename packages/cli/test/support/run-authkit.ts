import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'vitest';
import { fileURLToPath } from 'node:url';

/** The built bin, run as a user runs it: a separate Node process. */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

/** What one run of the CLI produced. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Every output of every run in this test file, for the final secret scan. Kept per worker,
 * and each test file runs in its own worker.
 */
export const transcript: string[] = [];

/** A clean environment: nothing AUTHKIT_* leaks in from the machine running the tests. */
function environment(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env };
}

/** A running CLI process with its output so far. */
export interface CliProcess {
  child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves once stderr has a line matching `test`. */
  waitForStderrLine(test: (line: string) => boolean): Promise<string>;
  /** Resolves once stdout has a line (for `sandbox --json`). */
  waitForStdoutLine(): Promise<string>;
  /** Resolves with all of stdout once it contains `marker`. */
  waitForStdout(marker: string): Promise<string>;
  done: Promise<CliRun>;
}

/** Starts `authkit ...args` and returns at once. */
export function startAuthkit(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): CliProcess {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: environment(options.env ?? {}),
    cwd: options.cwd ?? process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  const wake = (): void => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    wake();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    wake();
  });
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      transcript.push(stdout, stderr);
      wake();
      resolve({ code, signal, stdout, stderr });
    });
  });
  const waitFor = (read: () => string, test: (line: string) => boolean, whole = false): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const text = read();
        const line = whole
          ? test(text)
            ? text
            : undefined
          : text
              .split('\n')
              .slice(0, -1) // only complete lines
              .find(test);
        if (line !== undefined) return resolve(line);
        if (child.exitCode !== null || child.signalCode !== null) {
          return reject(new Error(`authkit exited (${child.exitCode ?? child.signalCode}) first; stderr: ${stderr}`));
        }
        waiters.push(check);
      };
      check();
    });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStderrLine: (test) => waitFor(() => stderr, test),
    waitForStdoutLine: () => waitFor(() => stdout, (line) => line.length > 0),
    waitForStdout: (marker) => waitFor(() => stdout, (text) => text.includes(marker), true),
    done,
  };
}

/** Runs `authkit ...args` to the end. */
export function runAuthkit(args: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliRun> {
  return startAuthkit(args, options).done;
}

/** Parses a run's stdout as the one JSON document `--json` promises. */
export function jsonOf<T>(run: CliRun): T {
  return JSON.parse(run.stdout) as T;
}

/** Parses a failed `--json` run's last stderr line: `{ error: { code, message, exitCode } }` (progress may precede it). */
export function jsonErrorOf(run: CliRun): { code: string; message: string; exitCode: number } {
  const last = run.stderr.trimEnd().split('\n').at(-1) ?? '';
  const { error } = JSON.parse(last) as { error: { code: string; message: string; exitCode: number } };
  expect(error.exitCode).toBe(run.code);
  return error;
}
