import { Command, type CommandUnknownOpts } from '@commander-js/extra-typings';
import type { CliIO } from '../../io';
import { printResult } from '../../output/print';
import { withContext } from '../context';
import { withConfig, withJson, withStore } from '../options';
import { requireView } from './lookup';
import { renderConnectionDetails } from './render';

/** `authkit connections show <id>`: one connection's view, every field. */
export function showCommand(io: CliIO): CommandUnknownOpts {
  return withJson(withConfig(withStore(new Command('show')), 'optional here: only its store is used'))
    .description('show one connection (a secret-free view)')
    .argument('<id>', 'connection id (from `connections list`)')
    .action(async (id, options) => {
      await withContext(io, options, {}, async ({ authkit, storeDescription }) => {
        const view = await requireView(authkit, id, storeDescription);
        printResult(io, options.json, { connection: view }, () => renderConnectionDetails(view, Date.now()));
      });
    });
}
