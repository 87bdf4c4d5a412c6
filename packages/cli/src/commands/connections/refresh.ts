import { Command, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { CliError } from '../../errors';
import { ExitCode } from '../../exit-codes';
import type { CliIO } from '../../io';
import { printResult } from '../../output/print';
import { formatRelative } from '../../output/time';
import { withContext } from '../context';
import { withConfig, withJson, withStore } from '../options';
import { requireProvider, requireView } from './lookup';

/**
 * `authkit connections refresh <id>`: renews the access token now, through core's lifecycle —
 * under the store's refresh lock, with a rotated refresh token persisted before use — exactly
 * as a running app would, so it is safe while apps use the same connection.
 */
export function refreshCommand(io: CliIO): CommandUnknownOpts {
  return withJson(withConfig(withStore(new Command('refresh')), 'required: the provider refreshes the token'))
    .description('refresh a connection’s access token now (OAuth2 connections with a refresh token or client credentials)')
    .argument('<id>', 'connection id')
    .action(async (id, options) => {
      await withContext(io, options, { providersFor: 'connections refresh' }, async ({ authkit, storeDescription }) => {
        const before = await requireView(authkit, id, storeDescription);
        requireProvider(authkit, before);
        const after = await authkit.client(before.providerId, id).refresh();
        // The lifecycle hands back the record untouched when there is nothing to renew with.
        if (after.version === before.version) {
          throw new CliError(
            'unsupported',
            `Connection '${id}' has nothing to refresh with (a ${before.credentialKind} credential without a refresh token or client credentials grant)`,
            ExitCode.unsupported,
          );
        }
        printResult(io, options.json, { refreshed: true, connection: after }, () => {
          const expiry = after.expiresAt === undefined ? 'no known expiry' : `expires ${formatRelative(after.expiresAt, Date.now())}`;
          return `Refreshed ${id} (${after.providerId}): new access token, ${expiry}; version ${before.version} → ${after.version}, status ${after.status}.`;
        });
      });
    });
}
