import { Command, type CommandUnknownOpts } from '@commander-js/extra-typings';
import { CliError } from '../../errors';
import { ExitCode } from '../../exit-codes';
import type { CliIO } from '../../io';
import { printResult } from '../../output/print';
import { withContext } from '../context';
import { withConfig, withJson, withStore } from '../options';
import { requireProvider, requireView } from './lookup';

/** `authkit connections verify <id>`: asks the provider whether the credential still works. */
export function verifyCommand(io: CliIO): CommandUnknownOpts {
  return withJson(withConfig(withStore(new Command('verify')), 'required: the provider’s verify call'))
    .description('check with the provider that a connection’s credential works (providers with a verify call)')
    .argument('<id>', 'connection id')
    .action(async (id, options) => {
      await withContext(io, options, { providersFor: 'connections verify' }, async ({ authkit, storeDescription }) => {
        const view = await requireView(authkit, id, storeDescription);
        const provider = requireProvider(authkit, view);
        if (provider.verify === undefined) {
          throw new CliError(
            'unsupported',
            `Provider '${view.providerId}' has no verify call; \`connections refresh\` tests an OAuth2 connection instead`,
            ExitCode.unsupported,
          );
        }
        const { subject } = await authkit.client(view.providerId, id).verify();
        const document = { verified: true, connectionId: id, providerId: view.providerId, ...(subject === undefined ? {} : { subject }) };
        printResult(io, options.json, document, () =>
          `Verified ${id} (${view.providerId}): the provider accepted the credential${subject === undefined ? '' : ` (subject ${subject})`}.`,
        );
      });
    });
}
