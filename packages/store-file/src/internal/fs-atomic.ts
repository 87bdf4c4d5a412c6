import { randomUUID } from 'node:crypto';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AuthKitError } from '@authkit/core';

/**
 * Writes `data` to `path` so that readers see either the old file or the new one, never a
 * torn write, and (with `durable`) the new content survives a power cut once this resolves:
 * write a temp file, fsync it, rename over the target, fsync the directory.
 */
export async function writeFileAtomic(
  path: string,
  data: string,
  options: { tmpDir: string; dir: string; durable: boolean },
): Promise<void> {
  const tmp = join(options.tmpDir, `${randomUUID()}.tmp`);
  const handle = await open(tmp, 'w', 0o600);
  try {
    await handle.writeFile(data, 'utf8');
    if (options.durable) await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(tmp, path);
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
  if (options.durable) await fsyncDir(options.dir);
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads and parses a JSON file; undefined if it does not exist. */
export async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    // Atomic writes never leave torn files; this is outside damage. Name the file, not its content.
    throw new AuthKitError('decryption_failed', `Stored file ${basename(path)} is not valid JSON`, { cause });
  }
}

export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}
