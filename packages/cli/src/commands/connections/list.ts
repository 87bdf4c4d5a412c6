import { Command, Option, type CommandUnknownOpts } from '@commander-js/extra-typings';
import type { ConnectionStatus } from '@authkit/core';
import type { CliIO } from '../../io';
import { printResult } from '../../output/print';
import { withContext } from '../context';
import { withConfig, withJson, withStore } from '../options';
import { renderConnectionTable } from './render';

const STATUSES: readonly ConnectionStatus[] = ['active', 'unverified', 'failing', 'reauthorization_required', 'invalid_credential', 'revoked'];

/** `authkit connections list`: every connection's view (never a secret), filtered. */
export function listCommand(io: CliIO): CommandUnknownOpts {
  return withJson(withConfig(withStore(new Command('list')), 'optional here: only its store is used'))
    .description('list connections (secret-free views), newest first')
    .option('--provider <id>', 'only this provider')
    .option('--owner <id>', 'only this owner')
    .addOption(new Option('--status <status>', 'only this status').choices(STATUSES))
    .action(async (options) => {
      await withContext(io, options, {}, async ({ authkit, storeDescription }) => {
        const filter = {
          ...(options.provider === undefined ? {} : { providerId: options.provider }),
          ...(options.owner === undefined ? {} : { ownerId: options.owner }),
        };
        const views = (await authkit.listConnections(filter))
          .filter((view) => options.status === undefined || view.status === options.status)
          .sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
        printResult(io, options.json, { count: views.length, connections: views }, () =>
          views.length === 0 ? `No connections in the ${storeDescription}.` : renderConnectionTable(views, Date.now()),
        );
      });
    });
}
