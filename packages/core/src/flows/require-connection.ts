import type { ConnectionSelector } from '../authkit-types';
import type { ConnectionRecord, ConnectionView } from '../connection';
import { AuthKitError, ReauthorizationRequiredError } from '../errors';
import { isUsable } from '../lifecycle/token-lifecycle';
import type { Runtime } from '../runtime';
import { providerOf } from '../runtime';
import { connectionIdFor } from '../util/connection-id';
import { toConnectionView } from '../util/connection-view';

/** The one answer for a request nobody is signed in to: the surface's and the lookup's alike. */
export function ownerRequired(providerId?: string): AuthKitError {
  return new AuthKitError('owner_required', 'No signed-in owner for this request.', providerId === undefined ? {} : { providerId });
}

/**
 * The one lookup every adapter uses. Without an owner, `owner_required`. Missing, someone else's, or another provider's
 * connection all give the same `connection_not_found`, so an id never reveals that a
 * connection exists. An unusable one gives `reauthorization_required` with its id.
 */
export async function requireConnection(runtime: Runtime, selector: ConnectionSelector): Promise<ConnectionView> {
  const provider = providerOf(runtime, selector.providerId);
  const ownerId = selector.ownerId;
  if (ownerId === undefined || ownerId === null || ownerId === '') throw ownerRequired(provider.id);
  const id = selector.connectionId ?? connectionIdFor(provider.id, ownerId, selector.label);
  const record = (await runtime.store.get(id)) ?? (await onlyConnection(runtime, provider.id, ownerId, selector));
  if (record === undefined || record.ownerId !== ownerId || record.providerId !== provider.id) {
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
async function onlyConnection(runtime: Runtime, providerId: string, ownerId: string, selector: ConnectionSelector): Promise<ConnectionRecord | undefined> {
  if (selector.connectionId !== undefined || selector.label !== undefined) return undefined;
  const all = await runtime.store.list({ providerId, ownerId });
  return all.length === 1 ? all[0] : undefined;
}
