import type { ConnectionRecord, ConnectionStatus } from '../connection';
import { VersionConflictError } from '../errors';
import type { Runtime } from '../runtime';
import { writeRecord } from './write';

/**
 * Moves a connection to another status with a versioned write, and emits
 * `connection.status_changed`. A record that changed meanwhile is re-read: when its credential
 * was replaced (a reconnect) the old observation no longer applies and nothing is written.
 * Resolves to the stored record.
 */
export async function changeStatus(runtime: Runtime, record: ConnectionRecord, to: ConnectionStatus, reason: string): Promise<ConnectionRecord> {
  let current: ConnectionRecord | undefined = record;
  for (let attempt = 0; attempt < 3 && current !== undefined; attempt++) {
    if (current.status === to || (current.credential !== record.credential && !sameCredential(current, record))) return current;
    try {
      const saved = await writeRecord(runtime, { ...current, status: to, updatedAt: runtime.now() }, current.version);
      runtime.events.emit({
        type: 'connection.status_changed',
        providerId: saved.providerId,
        connectionId: saved.id,
        ownerId: saved.ownerId,
        from: current.status,
        to,
        reason,
      });
      return saved;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      current = await runtime.store.get(record.id);
    }
  }
  return current ?? record;
}

/** Same secret material (records from a store are fresh objects on every read). */
function sameCredential(a: ConnectionRecord, b: ConnectionRecord): boolean {
  const x = a.credential;
  const y = b.credential;
  switch (x.kind) {
    case 'oauth2':
      return y.kind === 'oauth2' && x.accessToken.equals(y.accessToken);
    case 'api_token':
      return y.kind === 'api_token' && x.tokenId === y.tokenId && x.tokenValue.equals(y.tokenValue);
    case 'api_key':
      return y.kind === 'api_key' && x.key.equals(y.key);
    case 'personal_access_token':
      return y.kind === 'personal_access_token' && x.token.equals(y.token);
  }
}

/**
 * What a response says about a static credential: the first success proves an `unverified`
 * one; a 401 means the provider rejected it (`invalid_credential`). OAuth2 connections are the
 * token lifecycle's business. Returns a promise only when there is something to write, so the
 * request hot path stays synchronous.
 */
export function observeStaticResult(runtime: Runtime, record: ConnectionRecord, status: number): Promise<unknown> | undefined {
  if (record.grant !== 'static') return undefined;
  if (status >= 200 && status < 300 && record.status === 'unverified') return changeStatus(runtime, record, 'active', 'verified');
  if (status === 401 && record.status !== 'invalid_credential') return changeStatus(runtime, record, 'invalid_credential', 'credential_rejected');
  return undefined;
}
