import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { link, open, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isNotFound } from './fs-atomic';

/** One change read from the log: a connection file's new due time, or undefined (none, or deleted). */
export interface DueChange {
  name: string;
  dueAt: number | undefined;
}

/**
 * Where a reader stands in the log: which log (the random generation in its first line; an
 * inode number can be reused once a replaced log is freed) and the byte offset read up to.
 */
export interface DueLogPosition {
  readonly generation: string;
  readonly offset: number;
}

/** What {@link DueLog.read} found since the caller's last position. */
export interface DueLogRead {
  /** True when the log was replaced (rotated) since `position`: the caller must rescan the records. */
  rotated: boolean;
  changes: DueChange[];
  position: DueLogPosition;
}

/** Above this size the next writer replaces the log with an empty one; readers then rescan. */
const ROTATE_AT_BYTES = 4 * 1024 * 1024;
const HEADER_BYTES = 64;

/**
 * The change feed that keeps every process's in-memory due index current: each write appends
 * `<file name> <dueAt or ->` after its record is in place (inside the record's mutex, so a
 * record's lines are in write order). Readers apply the lines past their offset. The log is not
 * the truth, the record files are: lines lost to a crash or to a rotation are covered by the
 * rescan a reader does whenever the log's generation changes (and at open), and by re-checking
 * each record before returning it.
 */
export class DueLog {
  readonly #path: string;
  readonly #tmpDir: string;
  readonly #rotateAtBytes: number;

  constructor(path: string, tmpDir: string, rotateAtBytes = ROTATE_AT_BYTES) {
    this.#path = path;
    this.#tmpDir = tmpDir;
    this.#rotateAtBytes = rotateAtBytes;
  }

  /** Creates the log with a fresh generation header if there is none (atomic: link fails if it exists). */
  async create(): Promise<void> {
    const tmp = join(this.#tmpDir, `due-${randomUUID()}.log`);
    await writeFile(tmp, `#${randomUUID()}\n`, { mode: 0o600 });
    try {
      await link(tmp, this.#path);
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
  }

  /** Appends one change. No fsync: after a power cut every process rescans at open anyway. */
  async append(name: string, dueAt: number | undefined): Promise<void> {
    let handle;
    try {
      // No O_CREAT: a log removed from outside is recreated with a header, not as a bare file.
      handle = await open(this.#path, constants.O_WRONLY | constants.O_APPEND);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.create();
      return this.append(name, dueAt);
    }
    let size: number;
    try {
      // One write() of a short line in append mode: lines from several processes never interleave.
      await handle.write(`${name} ${dueAt === undefined ? '-' : String(dueAt)}\n`);
      size = (await handle.stat()).size;
    } finally {
      await handle.close();
    }
    if (size > this.#rotateAtBytes) await this.#rotate();
  }

  /** Replaces the log with a new, empty generation (rename: readers see the old or the new file). */
  async #rotate(): Promise<void> {
    const tmp = join(this.#tmpDir, `due-${randomUUID()}.log`);
    await writeFile(tmp, `#${randomUUID()}\n`, { mode: 0o600 });
    await rename(tmp, this.#path);
  }

  /**
   * Reads the complete lines after `position`. With no position, or when the log was replaced
   * since, reports `rotated` and returns the new log's current end as the position, without
   * its lines: the caller rescans the records and then reads on from there.
   */
  async read(position: DueLogPosition | undefined): Promise<DueLogRead> {
    let handle;
    try {
      handle = await open(this.#path, 'r');
    } catch (error) {
      if (!isNotFound(error)) throw error;
      await this.create();
      return this.read(position);
    }
    try {
      const size = (await handle.stat()).size;
      const head = Buffer.alloc(Math.min(HEADER_BYTES, size));
      await handle.read(head, 0, head.length, 0);
      const firstLine = head.toString('utf8').split('\n', 1)[0]!;
      const generation = firstLine.startsWith('#') ? firstLine.slice(1) : '';
      if (position === undefined || generation !== position.generation || size < position.offset) {
        return { rotated: true, changes: [], position: { generation, offset: size } };
      }
      const length = size - position.offset;
      if (length === 0) return { rotated: false, changes: [], position };
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position.offset);
      // A line still being appended by another process is left for the next read.
      const complete = buffer.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
      return {
        rotated: false,
        changes: parseLines(buffer.subarray(0, complete).toString('utf8')),
        position: { generation, offset: position.offset + complete },
      };
    } finally {
      await handle.close();
    }
  }
}

function parseLines(text: string): DueChange[] {
  const changes: DueChange[] = [];
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0 || line.startsWith('#')) continue;
    const value = line.slice(space + 1);
    const dueAt = value === '-' ? undefined : Number(value);
    if (dueAt !== undefined && !Number.isFinite(dueAt)) continue;
    changes.push({ name: line.slice(0, space), dueAt });
  }
  return changes;
}
