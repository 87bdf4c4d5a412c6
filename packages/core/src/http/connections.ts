import type { ConnectionView } from '../connection';
import { AuthKitError } from '../errors';
import type { ProviderDefinition } from '../providers/types';
import type { Call, Surface } from './surface';
import { optionalField, requireOwner } from './surface';

/**
 * The owner's connection named by the `connection` field (an id) or the `label` field,
 * whatever its status — reconnect and disconnect must reach broken connections too. Another
 * owner's or provider's connection answers exactly like a missing one.
 */
export async function ownedConnection(surface: Surface, call: Call, provider: ProviderDefinition, connectionId?: string): Promise<ConnectionView> {
  const ownerId = requireOwner(call, provider.id);
  const id = connectionId ?? optionalField(call, 'connection') ?? surface.authkit.connectionIdFor(provider.id, ownerId, optionalField(call, 'label'));
  const connection = await surface.authkit.getConnection(id);
  if (connection === undefined || connection.ownerId !== ownerId || connection.providerId !== provider.id) {
    throw new AuthKitError('connection_not_found', `No ${provider.name} connection ${id} for this owner.`, { providerId: provider.id });
  }
  return connection;
}

/** `GET /`: the signed-in owner's connections, as views without secrets. */
export async function listConnections(surface: Surface, call: Call): Promise<{ connections: ConnectionView[] }> {
  const ownerId = requireOwner(call);
  const connections = await surface.authkit.listConnections({ ownerId });
  return { connections: connections.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)) };
}

/**
 * `POST /:provider/disconnect`: revokes at the provider (unless `revoke=false`) and removes
 * the connection. A revocation failure keeps the connection, unless `force=true` asks to
 * remove it anyway.
 */
export async function disconnect(surface: Surface, call: Call, provider: ProviderDefinition): Promise<{ disconnected: string; revoked: boolean }> {
  const connection = await ownedConnection(surface, call, provider);
  const revoke = optionalField(call, 'revoke') !== 'false';
  const force = optionalField(call, 'force') === 'true';
  const { revoked } = await surface.authkit.disconnect(connection.id, { revoke, ignoreRevocationFailure: force });
  return { disconnected: connection.id, revoked };
}
