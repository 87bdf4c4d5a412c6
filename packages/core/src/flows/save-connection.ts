import type { IfConnectionExists } from '../authkit-types';
import type { ConnectionGrant, ConnectionRecord } from '../connection';
import type { Credential } from '../credentials';
import { AuthKitError, isAuthKitError, VersionConflictError } from '../errors';
import { createSignedFetch } from '../fetch/signed-fetch';
import type { ProviderDefinition } from '../providers/types';
import type { Runtime } from '../runtime';
import { connectionIdFor } from '../util/connection-id';
import { writeRecord } from '../lifecycle/write';

/** What a flow hands over once it holds a credential. */
export interface NewConnection {
  provider: ProviderDefinition;
  ownerId: string;
  label?: string;
  grant: ConnectionGrant;
  credential: Credential;
  metadata?: Record<string, string>;
  /** Run the provider's verify call first (static credentials). */
  verify: boolean;
  /**
   * What to do when the owner already has this connection (same provider and label):
   * `replace` it in place (a reconnect: same id, status back to usable) or `fail` with
   * `connection_exists`. Default `replace`.
   */
  ifExists?: IfConnectionExists;
}

/** The error for a connection that exists where a new one was asked for. */
export function connectionExists(provider: ProviderDefinition, id: string, label: string | undefined): AuthKitError {
  const named = label === undefined || label === '' ? '' : ` labelled "${label}"`;
  return new AuthKitError('connection_exists', `A ${provider.name} connection${named} already exists.`, {
    providerId: provider.id,
    connectionId: id,
    ...(label === undefined || label === '' ? {} : { detail: `the label "${label}" is taken` }),
  });
}

/**
 * Verifies (where asked and possible), resolves provider metadata (Plannr's account uuid),
 * then stores the connection. Reconnecting the same owner replaces the credential with a
 * version bump and resets the status to `active`. Nothing is stored if any step fails.
 */
export async function saveConnection(runtime: Runtime, input: NewConnection): Promise<ConnectionRecord> {
  const { provider } = input;
  const id = connectionIdFor(provider.id, input.ownerId, input.label);
  const now = runtime.now();
  if (input.ifExists === 'fail' && (await runtime.store.get(id)) !== undefined) throw connectionExists(provider, id, input.label);
  let draft: ConnectionRecord = {
    id,
    providerId: provider.id,
    ownerId: input.ownerId,
    ...(input.label === undefined || input.label === '' ? {} : { label: input.label }),
    // A static credential nothing could check stays `unverified` until its first good call.
    status: input.grant === 'static' && !(input.verify && (provider.verify !== undefined || provider.resolveMetadata !== undefined)) ? 'unverified' : 'active',
    version: 0,
    grant: input.grant,
    credential: input.credential,
    metadata: { ...input.metadata },
    createdAt: now,
    updatedAt: now,
  };

  // The draft is signed directly: no refresh, no store, so a bad credential leaves no trace.
  const signed = (record: ConnectionRecord) =>
    createSignedFetch(provider, { current: async () => record }, { fetch: runtime.fetch, now: runtime.now });
  try {
    // A provider that resolves metadata proves the credential with that call (the status above
    // counts it so): it is not asked the same thing twice (Plannr answers both with its logins).
    if (input.verify && provider.verify !== undefined && provider.resolveMetadata === undefined) {
      const result = await provider.verify({ fetch: signed(draft), connection: draft });
      if (result.metadata !== undefined) draft = { ...draft, metadata: { ...draft.metadata, ...result.metadata } };
    }
    if (provider.resolveMetadata !== undefined) {
      const metadata = await provider.resolveMetadata({ fetch: signed(draft), connection: draft });
      draft = { ...draft, metadata: { ...draft.metadata, ...metadata } };
    }
  } catch (error) {
    throw asCredentialError(provider, error);
  }

  for (let attempt = 0; ; attempt++) {
    const existing = await runtime.store.get(id);
    if (existing !== undefined && input.ifExists === 'fail') throw connectionExists(provider, id, input.label);
    const record: ConnectionRecord = { ...draft, createdAt: existing?.createdAt ?? now, version: existing?.version ?? 0 };
    try {
      const saved = await writeRecord(runtime, record, existing?.version ?? 0);
      runtime.events.emit({ type: 'connection.created', providerId: provider.id, connectionId: id, ownerId: input.ownerId });
      return saved;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= 3) throw error;
    }
  }
}

/** A 4xx from the provider while checking a new credential means the credential is bad. */
function asCredentialError(provider: ProviderDefinition, error: unknown): unknown {
  if (!isAuthKitError(error)) return error;
  const rejected =
    error.code === 'unauthenticated' ||
    error.code === 'permission_denied' ||
    (error.status !== undefined && error.status >= 400 && error.status < 500 && error.code !== 'rate_limited');
  if (!rejected || error.code === 'invalid_credential') return error;
  const answered = error.status === undefined ? '' : ` (HTTP ${error.status})`;
  return new AuthKitError('invalid_credential', `${provider.name} rejected the credential${answered}.`, {
    providerId: provider.id,
    detail: `it was refused${answered}`,
    ...(error.status === undefined ? {} : { status: error.status }),
    cause: error,
  });
}
