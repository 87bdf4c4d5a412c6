import type { ConnectionSelector } from '../authkit-types';
import type { ConnectionRecord, ConnectionView } from '../connection';
import { AuthKitError, ReauthorizationRequiredError } from '../errors';
import { isUsable } from '../lifecycle/token-lifecycle';
import type { Runtime } from '../runtime';
import { providerOf } from '../runtime';
import { connectionIdFor } from '../util/connection-id';
import { toConnectionView } from '../util/connection-view';

/**
 * The one lookup every adapter uses. Missing, someone else's, or another provider's
 * connection all give the same `connection_not_found`, so an id never reveals that a
 * connection exists. An unusable one gives `reauthorization_required` with its id.
 */
export async function requireConnection(runtime: Runtime, selector: ConnectionSelector): Promise<ConnectionView> {
  const provider = providerOf(runtime, selector.providerId);
  const id = selector.connectionId ?? connectionIdFor(provider.id, selector.ownerId, selector.label);
  const record = (await runtime.store.get(id)) ?? (await onlyConnection(runtime, provider.id, selector));
  if (record === undefined || record.ownerId !== selector.ownerId || record.providerId !== provider.id) {
    throw new AuthKitError('connection_not_found', `No ${provider.name} connection ${id} for this owner.`, {
      providerId: provider.id,
      ...(selector.label === undefined ? {} : { detail: `none labelled "${selector.label}"` }),
    });
  }
  if (!isUsable(record)) {
    throw new ReauthorizationRequiredError(`The ${provider.name} connection ${record.id} is ${record.status}.`, {
      providerId: provider.id,
      connectionId: record.id,
    });
  }
  return toConnectionView(record);
}

/**
 * Without a label or an id, the owner's only connection to the provider — a pasted Planday
 * portal gets a label (`portal-1`) that a plain `requireConnection('planday')` need not know.
 * With several, none is guessed.
 */
async function onlyConnection(runtime: Runtime, providerId: string, selector: ConnectionSelector): Promise<ConnectionRecord | undefined> {
  if (selector.connectionId !== undefined || selector.label !== undefined) return undefined;
  const all = await runtime.store.list({ providerId, ownerId: selector.ownerId });
  return all.length === 1 ? all[0] : undefined;
}
