import { Command, type CommandUnknownOpts } from '@commander-js/extra-typings';
import type { CliIO } from '../../io';
import { printResult } from '../../output/print';
import { withContext } from '../context';
import { withConfig, withJson, withStore } from '../options';
import { requireProvider, requireView } from './lookup';

/**
 * `authkit connections disconnect <id>`: core's disconnect — revoke the grant at the provider
 * where it can, then remove the connection. A failed revocation keeps the connection (so it
 * can be retried) unless `--ignore-revocation-failure` is given.
 */
export function disconnectCommand(io: CliIO): CommandUnknownOpts {
  return withJson(withConfig(withStore(new Command('disconnect')), 'required unless --no-revoke: the provider revokes the grant'))
    .description('revoke a connection at its provider (where it can) and remove it from the store')
    .argument('<id>', 'connection id')
    .option('--no-revoke', 'only remove it from the store; the grant stays valid at the provider')
    .option('--ignore-revocation-failure', 'remove it even if the provider could not revoke it')
    .action(async (id, options) => {
      const requirement = options.revoke ? { providersFor: 'connections disconnect (revocation)' } : {};
      await withContext(io, options, requirement, async ({ authkit, storeDescription }) => {
        const view = await requireView(authkit, id, storeDescription);
        // Core skips revocation for a provider it does not know; the user asked for one, so insist.
        if (options.revoke) requireProvider(authkit, view);
        const disconnectOptions = { revoke: options.revoke, ignoreRevocationFailure: options.ignoreRevocationFailure === true };
        const { removed, revoked } = await authkit.disconnect(id, disconnectOptions);
        printResult(io, options.json, { connectionId: id, providerId: view.providerId, removed, revoked }, () => {
          const revocation = revoked
            ? 'revoked at the provider'
            : !options.revoke
              ? 'not revoked (--no-revoke)'
              : options.ignoreRevocationFailure
                ? 'not revoked (nothing to revoke, or the provider failed and --ignore-revocation-failure was given)'
                : 'nothing to revoke at the provider';
          return `Disconnected ${id} (${view.providerId}): ${revocation}; ${removed ? 'removed from the store' : 'already gone from the store'}.`;
        });
      });
    });
}
