/**
 * Keys (connection ids, file names) ordered by due time, ties by key: what a store keeps
 * current on every write so a maintenance sweep (`listDue`) reads only the due head instead of
 * every record. A sorted array with binary search: O(log n) to find, a `splice` (a memmove of
 * pointers, microseconds at 100,000 entries) to insert or remove. For in-process stores
 * (MemoryStore, the file store); a store whose entries can go stale re-checks the record
 * before trusting one.
 */
export class DueIndex {
  readonly #dueAtByKey = new Map<string, number>();
  readonly #keys: string[] = [];
  readonly #dueAts: number[] = [];

  get size(): number {
    return this.#keys.length;
  }

  /** Records `key`'s due time; undefined removes it. */
  set(key: string, dueAt: number | undefined): void {
    const previous = this.#dueAtByKey.get(key);
    if (previous === dueAt) return;
    if (previous !== undefined) {
      const at = this.#position(previous, key);
      this.#keys.splice(at, 1);
      this.#dueAts.splice(at, 1);
      this.#dueAtByKey.delete(key);
    }
    if (dueAt === undefined) return;
    const at = this.#position(dueAt, key);
    this.#keys.splice(at, 0, key);
    this.#dueAts.splice(at, 0, dueAt);
    this.#dueAtByKey.set(key, dueAt);
  }

  /** Keys with dueAt <= now, soonest first, at most `limit`. */
  due(now: number, limit = Number.POSITIVE_INFINITY): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.#keys.length && out.length < limit && this.#dueAts[i]! <= now; i++) out.push(this.#keys[i]!);
    return out;
  }

  clear(): void {
    this.#dueAtByKey.clear();
    this.#keys.length = 0;
    this.#dueAts.length = 0;
  }

  /** First position whose (dueAt, key) is not below the given pair. */
  #position(dueAt: number, key: string): number {
    let low = 0;
    let high = this.#keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const midDue = this.#dueAts[mid]!;
      if (midDue < dueAt || (midDue === dueAt && this.#keys[mid]! < key)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
