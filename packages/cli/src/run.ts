import { CommanderError } from '@commander-js/extra-typings';
import { describeFailure } from './errors';
import { ExitCode, type ExitCodeValue } from './exit-codes';
import { processIO, type CliIO } from './io';
import { buildProgram } from './program';

/**
 * Runs `authkit` with `argv` (the arguments after the command name) and resolves with the exit
 * code; it never rejects and never exits the process. Failures are written to stderr as one
 * line — or, with `--json`, as one JSON document `{ "error": { code, message, exitCode } }` —
 * and hold no secret: only messages written to be shown are passed on.
 *
 * @example
 * const code = await runCli(['connections', 'list', '--store', 'file:./.data/authkit', '--json']);
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO()): Promise<ExitCodeValue> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message (or the help, or the version).
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const failure = describeFailure(error);
    io.stderr.write(argv.includes('--json') ? `${JSON.stringify({ error: failure })}\n` : `authkit: ${failure.message}\n`);
    // Opt-in only: a stack or a foreign message may quote stored data.
    if (io.env.AUTHKIT_DEBUG === '1' && error instanceof Error) io.stderr.write(`${String(error.stack)}\n`);
    return failure.exitCode;
  }
}
