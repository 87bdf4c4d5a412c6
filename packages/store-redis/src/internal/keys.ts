import { AuthKitError } from '@authkit/core';

/** Default number of shards: hash slots the connections and their indexes are spread over. */
export const DEFAULT_SHARDS = 16;

/**
 * The key layout. Connections are spread over `shards` groups by a hash of their id; every
 * key of a group (the records, the group's index sets and its due-time sorted set) carries the
 * group's hash tag `{sN}`, so on Redis Cluster they live in one hash slot and each script
 * touches one slot. Indexes are per group, so a write updates its record and its index
 * entries atomically; lists and due sweeps ask every group (in parallel) and merge.
 *
 * ```
 * <prefix>{s<n>}:c:<id>          hash: v (version), d (stored record JSON), p (provider), o (owner), t (dueAt)
 * <prefix>{s<n>}:all             set of ids in group n
 * <prefix>{s<n>}:p:<providerId>  set of ids
 * <prefix>{s<n>}:o:<ownerId>     set of ids
 * <prefix>{s<n>}:due             sorted set: id scored by dueAt
 * <prefix>lock:<key>             lock token (one key: any slot)
 * <prefix>eph:<sha256(key)>      sealed one-time value (one key: any slot)
 * <prefix>layout                 "2;shards=<n>": refuses a store opened with another shard count
 * ```
 */
export class KeyLayout {
  readonly prefix: string;
  readonly shards: number;

  constructor(prefix: string, shards: number) {
    if (prefix.includes('{') || prefix.includes('}')) {
      // A brace in the prefix would become the hash tag and put every key in one slot.
      throw new AuthKitError('configuration_error', 'The Redis store prefix must not contain { or } (they decide hash slots on Redis Cluster)');
    }
    if (!Number.isInteger(shards) || shards < 1 || shards > 1024) {
      throw new AuthKitError('configuration_error', 'The Redis store `shards` must be an integer from 1 to 1024');
    }
    this.prefix = prefix;
    this.shards = shards;
  }

  /** The group of a connection id (FNV-1a, stable across versions and processes). */
  shardOf(id: string): number {
    let hash = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) {
      hash ^= id.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0) % this.shards;
  }

  /** The start of every key in group `n` (scripts derive same-slot keys from it). */
  group(n: number): string {
    return `${this.prefix}{s${n}}:`;
  }

  record(id: string): string {
    return `${this.group(this.shardOf(id))}c:${id}`;
  }

  all(n: number): string {
    return `${this.group(n)}all`;
  }

  byProvider(n: number, providerId: string): string {
    return `${this.group(n)}p:${providerId}`;
  }

  byOwner(n: number, ownerId: string): string {
    return `${this.group(n)}o:${ownerId}`;
  }

  due(n: number): string {
    return `${this.group(n)}due`;
  }

  lock(key: string): string {
    return `${this.prefix}lock:${key}`;
  }

  ephemeral(hashedKey: string): string {
    return `${this.prefix}eph:${hashedKey}`;
  }

  layoutKey(): string {
    return `${this.prefix}layout`;
  }

  layoutValue(): string {
    return `2;shards=${this.shards}`;
  }

  /** Every group number, for fan-out reads. */
  groups(): number[] {
    return Array.from({ length: this.shards }, (_, n) => n);
  }
}
