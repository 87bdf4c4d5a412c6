import { Command, type CommandUnknownOpts } from '@commander-js/extra-typings';
import type { CliIO } from './io';
import { connectionsCommand } from './commands/connections/index';
import { keysCommand } from './commands/keys';
import { sandboxCommand } from './commands/sandbox';
import { ExitCode } from './exit-codes';

/** The package version, put in by the build (tsdown `define`), `dev` when run from source. */
declare const __AUTHKIT_CLI_VERSION__: string | undefined;
const VERSION = typeof __AUTHKIT_CLI_VERSION__ === 'string' ? __AUTHKIT_CLI_VERSION__ : 'dev';

const EXIT_CODE_HELP = `
Exit codes:
  ${ExitCode.ok}    done
  ${ExitCode.failure}    unexpected error
  ${ExitCode.usage}    bad arguments
  ${ExitCode.configuration}    bad configuration (store URL, AUTHKIT_ENCRYPTION_KEY, --config module, unknown provider)
  ${ExitCode.notFound}    no such connection
  ${ExitCode.store}    store unreachable, lock held too long, or a concurrent write won
  ${ExitCode.credentialRejected}    the provider refused the credential: reconnect or paste a new one
  ${ExitCode.providerUnavailable}    the provider is down or rate limiting: try again later
  ${ExitCode.decryption}    a record cannot be decrypted: a key is missing from AUTHKIT_ENCRYPTION_KEY
  ${ExitCode.unsupported}    not possible for this connection, provider or store
  ${ExitCode.interrupted}  interrupted (Ctrl+C)

Environment:
  AUTHKIT_STORE           default for --store
  AUTHKIT_CONFIG          default for --config
  AUTHKIT_ENCRYPTION_KEY  the key ring: id:base64urlKey entries, comma-separated, oldest first (last encrypts)`;

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
  if (!root) command.addHelpText('after', '\nExit codes: 0 done, 2 bad arguments, 3 configuration, 4 not found, 5 store, 6 credential rejected, 7 provider unavailable, 8 decryption, 9 unsupported (authkit --help).');
  command
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  for (const sub of command.commands) configureTree(sub, io, false);
}
