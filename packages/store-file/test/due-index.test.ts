import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeRecord } from '@authkit/store-conformance';
import { createFileStore } from '../src/index';
import { DueLog } from '../src/internal/due-log';

const root = mkdtempSync(join(tmpdir(), 'authkit-file-due-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const open = (directory = join(root, `s-${++n}`)) => createFileStore({ directory, encryption: 'plaintext-for-local-development' });
const nameOf = (id: string) => createHash('sha256').update(id).digest('hex');
const T = 1_750_000_000_000;

describe('FileStore due-time index across processes', () => {
  it('a stale log line (an earlier dueAt than the record has) is never returned as due, and is corrected', async () => {
    const store = open();
    const record = await store.put(makeRecord({ dueAt: T + 60_000 }), 0);
    expect(await store.listDue(T, 10)).toEqual([]);
    // As if another process had logged an older due time that its record no longer has.
    appendFileSync(join(store.directory, 'due.log'), `${nameOf(record.id)} ${T - 5_000}\n`);
    expect(await store.listDue(T, 10)).toEqual([]);
    expect((await store.listDue(T + 60_000, 10)).map((r) => r.id)).toEqual([record.id]);
  });

  it('a log line for a record that is gone is dropped', async () => {
    const store = open();
    appendFileSync(join(store.directory, 'due.log'), `${nameOf('never-written')} ${T - 5_000}\n`);
    expect(await store.listDue(T, 10)).toEqual([]);
  });

  it('a replaced (rotated) log makes every reader rescan the records, so a lost line loses nothing', async () => {
    const directory = join(root, `s-${++n}`);
    const reader = open(directory);
    expect(await reader.listDue(T, 10)).toEqual([]);
    const writer = open(directory);
    const record = await writer.put(makeRecord({ dueAt: T - 1_000 }), 0);
    // Another process rotates the log, and the line above is gone with the old file.
    rmSync(join(directory, 'due.log'));
    writeFileSync(join(directory, 'due.log'), '#a-new-generation\n');
    expect((await reader.listDue(T, 10)).map((r) => r.id)).toEqual([record.id]);
  });

  it('opens over existing data: the index is rebuilt from the records', async () => {
    const directory = join(root, `s-${++n}`);
    const first = open(directory);
    const a = await first.put(makeRecord({ dueAt: T - 2_000 }), 0);
    const b = await first.put(makeRecord({ dueAt: T - 3_000 }), 0);
    await first.put(makeRecord(), 0);
    rmSync(join(directory, 'due.log')); // even without the log
    expect((await open(directory).listDue(T, 10)).map((r) => r.id)).toEqual([b.id, a.id]);
  });

  it('the log rotates past its size limit; a reader behind it is told to rescan, then follows the new log', async () => {
    const dir = mkdtempSync(join(root, 'log-'));
    const log = new DueLog(join(dir, 'due.log'), dir, 200);
    const start = await log.read(undefined);
    expect(start.rotated).toBe(true);
    await log.append('a'.repeat(64), 5);
    const first = await log.read(start.position);
    expect(first).toMatchObject({ rotated: false, changes: [{ name: 'a'.repeat(64), dueAt: 5 }] });
    await log.append('b'.repeat(64), undefined);
    await log.append('c'.repeat(64), 7); // past 200 bytes: this append rotates
    const behind = await log.read(first.position);
    expect(behind.rotated).toBe(true);
    await log.append('d'.repeat(64), 9);
    expect((await log.read(behind.position)).changes).toEqual([{ name: 'd'.repeat(64), dueAt: 9 }]);
  });
});
