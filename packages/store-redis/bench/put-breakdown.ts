// Where a Redis store put spends its time, part by part, each timed on its own against a raw
// GET in the same run: sealing the record (AES-GCM through the key ring), serialising it, the
// round trip of an EVALSHA, and the compare-and-set script itself.
import type { Redis } from 'ioredis';
import { createRecordCodec } from '@authkit/core';
import type { ConnectionRecord, KeyRing } from '@authkit/core';
import { percentile } from '@authkit/store-conformance/storm-harness';

export interface Timing {
  name: string;
  values: number[];
}

async function time(values: number[], fn: () => Promise<unknown>): Promise<void> {
  const t = performance.now();
  await fn();
  values.push(performance.now() - t);
}

/**
 * Times, interleaved sample by sample so load spikes hit every part alike: a raw GET (the
 * baseline), an EVALSHA of a script that does nothing (a Lua round trip), the codec's encode
 * (encrypt) alone, JSON.stringify alone, and whole store operations passed in by the caller.
 */
export async function putBreakdown(options: {
  redis: Redis;
  keyRing: KeyRing;
  baselineKey: string;
  record: () => Promise<ConnectionRecord>;
  /** Whole operations; `prepare` (untimed) gives each its own input, e.g. a fresh read to write over. */
  operations: { name: string; prepare?: (record: ConnectionRecord) => Promise<ConnectionRecord>; run: (record: ConnectionRecord) => Promise<unknown> }[];
  samples: number;
}): Promise<Timing[]> {
  const { redis, keyRing, baselineKey } = options;
  const codec = createRecordCodec({ keyRing });
  const noopSha = (await redis.script('LOAD', 'return 1')) as string;
  const timings: Timing[] = [
    { name: 'raw GET of 600 bytes (baseline)', values: [] },
    { name: 'EVALSHA of an empty script (one Lua round trip)', values: [] },
    { name: 'encode + encrypt the record (AES-256-GCM JWE, no I/O)', values: [] },
    { name: 'JSON.stringify of the stored record (no I/O)', values: [] },
    ...options.operations.map((op) => ({ name: op.name, values: [] as number[] })),
  ];
  for (let i = 0; i < options.samples; i++) {
    const record = await options.record();
    await time(timings[0]!.values, () => redis.get(baselineKey));
    await time(timings[1]!.values, () => redis.evalsha(noopSha, 0));
    let encoded: unknown;
    await time(timings[2]!.values, async () => (encoded = await codec.encode(record)));
    await time(timings[3]!.values, async () => JSON.stringify(encoded));
    for (const [j, op] of options.operations.entries()) {
      const input = op.prepare ? await op.prepare(record) : record;
      await time(timings[4 + j]!.values, () => op.run(input));
    }
  }
  return timings;
}

/** Prints timings as a table with p50, p99 and the ratio of each p50/p99 to the first row's. */
export function printTimings(title: string, timings: Timing[]): void {
  const ms = (v: number) => `${v.toFixed(3)} ms`;
  const base50 = percentile(timings[0]!.values, 50);
  const base99 = percentile(timings[0]!.values, 99);
  console.log(`\n${title}`);
  console.log('| part (sequential, loopback) | p50 | p99 | p50 vs raw GET | p99 vs raw GET |');
  console.log('|---|---|---|---|---|');
  for (const { name, values } of timings) {
    const p50 = percentile(values, 50);
    const p99 = percentile(values, 99);
    console.log(`| ${name} | ${ms(p50)} | ${ms(p99)} | ${(p50 / base50).toFixed(2)}x | ${(p99 / base99).toFixed(2)}x |`);
  }
}
