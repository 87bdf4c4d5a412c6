import type { CliIO } from '../io';

/**
 * Writes a command's result: the JSON document with `--json` (one document, for scripts),
 * otherwise the human rendering. Both go to stdout; hints and progress go to stderr.
 */
export function printResult(io: CliIO, json: boolean | undefined, document: unknown, human: () => string): void {
  io.stdout.write(json ? `${JSON.stringify(document, null, 2)}\n` : `${human()}\n`);
}
