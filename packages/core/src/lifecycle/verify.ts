import type { ConnectionRecord } from '../connection';
import { AuthKitError, VersionConflictError } from '../errors';
import type { ProviderDefinition, VerifyResult } from '../providers/types';
import type { Runtime } from '../runtime';
import { recordFailure } from './health';
import { writeRecord } from './write';

/**
 * Runs the provider's verify call with a connection's signed fetch and records what the
 * provider said: on success `verifiedAt`, the metadata it returned, health cleared and an
 * `unverified` credential proven; a 401 is recorded by the signed fetch itself
 * (`invalid_credential`); a provider that cannot answer counts as a transient failure.
 */
export async function verifyConnection(
  runtime: Runtime,
  provider: ProviderDefinition,
  record: ConnectionRecord,
  signedFetch: typeof fetch,
): Promise<VerifyResult> {
  if (provider.verify === undefined) return {};
  let result: VerifyResult;
  try {
    result = await provider.verify({ fetch: signedFetch, connection: record });
  } catch (error) {
    if (error instanceof AuthKitError && error.code === 'provider_unavailable') await recordFailure(runtime, record, error);
    throw error;
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const latest = await runtime.store.get(record.id);
    if (latest === undefined || latest.grant !== record.grant) break;
    const { health: _health, ...rest } = latest;
    try {
      await writeRecord(
        runtime,
        {
          ...rest,
          status: latest.status === 'unverified' || latest.status === 'failing' ? 'active' : latest.status,
          metadata: { ...latest.metadata, ...result.metadata },
          verifiedAt: runtime.now(),
          updatedAt: runtime.now(),
        },
        latest.version,
      );
      if (latest.status === 'unverified' || latest.status === 'failing') {
        runtime.events.emit({ type: 'connection.status_changed', providerId: latest.providerId, connectionId: latest.id, ownerId: latest.ownerId, from: latest.status, to: 'active', reason: 'verified' });
      }
      break;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  return result;
}
