import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyRing, generateEncryptionKey } from '@authkit/core';
import { describeStoreEncryption, makeRecord } from '@authkit/store-conformance';
import { createFileStore } from '../src/index';
import type { FileStore } from '../src/index';

const root = mkdtempSync(join(tmpdir(), 'authkit-file-enc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `s-${++n}`);

function allFileContents(dir: string): string {
  let out = '';
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out += entry.isDirectory() ? allFileContents(path) : readFileSync(path, 'utf8');
  }
  return out;
}

/** A connection's file: connections/<sha256 of its id>.json. */
const connectionFile = (store: FileStore, id: string) =>
  join(store.directory, 'connections', `${createHash('sha256').update(id).digest('hex')}.json`);

describeStoreEncryption('FileStore', {
  open: (encryption) => createFileStore({ directory: freshDir(), ...encryption }),
  reopen: (store, encryption) => createFileStore({ directory: store.directory, ...encryption }),
  openWithoutKeys: () => createFileStore({ directory: freshDir() } as never),
  raw: async (store) => allFileContents(store.directory),
  readStored: async (store, id) => readFileSync(connectionFile(store, id), 'utf8'),
  writeStored: async (store, id, text) => writeFileSync(connectionFile(store, id), text),
});

describe('FileStore encryption at rest: on disk', () => {
  it('only the owner may read the files', async () => {
    const directory = freshDir();
    const store = createFileStore({ directory, keyRing: createKeyRing({ keys: [{ id: 'k1', secret: generateEncryptionKey() }] }) });
    await store.put(makeRecord(), 0);
    expect(statSync(join(directory, 'connections')).mode & 0o077).toBe(0);
  });

  it('plaintext development mode is readable on disk, as chosen', async () => {
    const directory = freshDir();
    const store = createFileStore({ directory, encryption: 'plaintext-for-local-development' });
    const record = makeRecord();
    await store.put(record, 0);
    if (record.credential.kind !== 'oauth2') throw new Error('kind');
    expect(allFileContents(directory)).toContain(record.credential.accessToken.reveal());
    expect(store.encrypted).toBe(false);
  });
});
