import type { AuthKit, ConnectionView, ProviderDefinition } from '@authkit/core';
import { CliError, configurationError } from '../../errors';
import { ExitCode } from '../../exit-codes';

/** The view of a connection, or exit code 4. */
export async function requireView(authkit: AuthKit, connectionId: string, storeDescription: string): Promise<ConnectionView> {
  const view = await authkit.getConnection(connectionId);
  if (view === undefined) {
    throw new CliError('connection_not_found', `No connection '${connectionId}' in the ${storeDescription}`, ExitCode.notFound);
  }
  return view;
}

/** The provider a connection belongs to, which the config module must define. */
export function requireProvider(authkit: AuthKit, view: ConnectionView): ProviderDefinition {
  const provider = authkit.providers.get(view.providerId);
  if (provider === undefined) {
    throw configurationError(
      `Connection '${view.id}' belongs to provider '${view.providerId}', which the config module does not define ` +
        `(it defines: ${[...authkit.providers.keys()].join(', ') || 'none'})`,
    );
  }
  return provider;
}
