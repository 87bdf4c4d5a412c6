import type { ConnectionStore, ReencryptingStore } from '@authkit/core';
import { CliError } from '../errors';
import { ExitCode } from '../exit-codes';
import type { RotationProgress } from './progress';

/** Result of {@link rotateStore}. */
export interface RotationResult {
  scanned: number;
  reencrypted: number;
  /**
   * Records left as they were: already under the newest key (moved by an earlier, interrupted
   * run, or written since by an app that has the new key), or changed or deleted meanwhile.
   */
  skipped: number;
}

function canReencrypt(store: ConnectionStore): store is ReencryptingStore {
  return typeof (store as { reencryptAll?: unknown }).reencryptAll === 'function';
}

/**
 * Re-encrypts every record under the key ring's newest key through the store's own
 * `reencryptAll`, which is what makes this safe and resumable: each record is rewritten only
 * if it is still at the version that was read (file: under the store's cross-process lock;
 * Redis: a compare-and-set script), versions do not change so running apps are not disturbed,
 * and records already under the newest key are skipped — a second run after an interruption
 * finishes the job.
 */
export async function rotateStore(store: ConnectionStore, onProgress: (progress: RotationProgress) => void): Promise<RotationResult> {
  if (!canReencrypt(store)) {
    throw new CliError('unsupported', 'This store cannot re-encrypt its records (it has no reencryptAll())', ExitCode.unsupported);
  }
  const { scanned, reencrypted } = await store.reencryptAll({ onProgress });
  return { scanned, reencrypted, skipped: scanned - reencrypted };
}
