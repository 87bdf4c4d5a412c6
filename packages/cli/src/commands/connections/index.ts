import { Command, type CommandUnknownOpts } from '@commander-js/extra-typings';
import type { CliIO } from '../../io';
import { disconnectCommand } from './disconnect';
import { listCommand } from './list';
import { refreshCommand } from './refresh';
import { showCommand } from './show';
import { verifyCommand } from './verify';

/** `authkit connections …`: inspect and act on stored connections. */
export function connectionsCommand(io: CliIO): CommandUnknownOpts {
  return new Command('connections')
    .description('list, show, refresh, verify or disconnect stored connections')
    .addCommand(listCommand(io))
    .addCommand(showCommand(io))
    .addCommand(refreshCommand(io))
    .addCommand(verifyCommand(io))
    .addCommand(disconnectCommand(io));
}
