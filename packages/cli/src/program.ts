import { Command, type CommandUnknownOpts } from '@commander-js/extra-typings';
import type { CliIO } from './io';
import { connectionsCommand } from './commands/connections/index';
import { keysCommand } from './commands/keys';
import { sandboxCommand } from './commands/sandbox';
import { ExitCode } from './exit-codes';

/** The package version, put in by the build (tsdown `define`), `dev` when run from source. */
declare const __AUTHKIT_CLI_VERSION__: string | undefined;
const VERSION = typeof __AUTHKIT_CLI_VERSION__ === 'string' ? __AUTHKIT_CLI_VERSION__ : 'dev';

/**
 * What each exit code means: `long` in the root help, `short` (when given) in the one-line list
 * every sub-command's help ends with. Keyed by {@link ExitCode}, so no code can be left out.
 */
const EXIT_CODE_MEANINGS: Record<keyof typeof ExitCode, { long: string; short?: string }> = {
  ok: { long: 'done', short: 'done' },
  failure: { long: 'unexpected error' },
  usage: { long: 'bad arguments', short: 'bad arguments' },
  configuration: { long: 'bad configuration (store URL, AUTHKIT_ENCRYPTION_KEY, --config module, unknown provider)', short: 'configuration' },
  notFound: { long: 'no such connection', short: 'not found' },
  store: { long: 'store unreachable, lock held too long, or a concurrent write won', short: 'store' },
  credentialRejected: { long: 'the provider refused the credential: reconnect or paste a new one', short: 'credential rejected' },
  providerUnavailable: { long: 'the provider is down or rate limiting: try again later', short: 'provider unavailable' },
  decryption: { long: 'a record cannot be decrypted: a key is missing from AUTHKIT_ENCRYPTION_KEY', short: 'decryption' },
  unsupported: { long: 'not possible for this connection, provider or store', short: 'unsupported' },
  interrupted: { long: 'interrupted (Ctrl+C)' },
};

const EXIT_CODES = (Object.keys(ExitCode) as (keyof typeof ExitCode)[]).map((name) => ({ code: ExitCode[name], ...EXIT_CODE_MEANINGS[name] }));

const EXIT_CODE_HELP = `
Exit codes:
${EXIT_CODES.map(({ code, long }) => `  ${String(code).padEnd(5)}${long}`).join('\n')}

Environment:
  AUTHKIT_STORE           default for --store
  AUTHKIT_CONFIG          default for --config
  AUTHKIT_ENCRYPTION_KEY  the key ring: id:base64urlKey entries, comma-separated, oldest first (last encrypts)`;

/** The one-line list of exit codes every sub-command's help ends with. */
const SUB_COMMAND_EXIT_CODES = `\nExit codes: ${EXIT_CODES.flatMap(({ code, short }) => (short === undefined ? [] : [`${code} ${short}`])).join(', ')} (authkit --help).`;

/** Builds the `authkit` command tree. Output and errors go through `io`; nothing exits the process. */
export function buildProgram(io: CliIO): Command {
  const program = new Command('authkit')
    .description('AuthKit: run the provider sandbox, manage stored connections, generate and rotate encryption keys')
    .version(VERSION, '-v, --version')
    .addHelpText('after', EXIT_CODE_HELP)
    .addCommand(sandboxCommand(io))
    .addCommand(connectionsCommand(io))
    .addCommand(keysCommand(io));
  configureTree(program, io);
  return program;
}

/**
 * Every command writes through `io` and throws instead of exiting, so the runner owns the exit
 * code; every command's help ends with where the exit codes are listed.
 */
function configureTree(command: CommandUnknownOpts, io: CliIO, root = true): void {
  if (!root) command.addHelpText('after', SUB_COMMAND_EXIT_CODES);
  command
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  for (const sub of command.commands) configureTree(sub, io, false);
}
