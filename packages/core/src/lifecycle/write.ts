import type { ConnectionRecord } from '../connection';
import { dueAtOf } from '../maintenance/due';
import type { Runtime } from '../runtime';

/**
 * The one way core writes a connection: a versioned `put` with `dueAt` recomputed, so the
 * store's due-time index always says when maintenance should next look at it.
 */
export function writeRecord(runtime: Runtime, record: ConnectionRecord, expectedVersion: number): Promise<ConnectionRecord> {
  const dueAt = dueAtOf(runtime.lifecycle, runtime.providers.get(record.providerId), record);
  const { dueAt: _previous, ...rest } = record;
  return runtime.store.put(dueAt === undefined ? rest : { ...rest, dueAt }, expectedVersion);
}
