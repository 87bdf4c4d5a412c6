import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeStoreConformance } from '@authkit/store-conformance';
import { createKeyRing, generateEncryptionKey } from '@authkit/core';
import { createFileStore } from '../src/index';

const root = mkdtempSync(join(tmpdir(), 'authkit-file-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const keyRing = createKeyRing({ keys: [{ id: 'k1', secret: generateEncryptionKey() }] });
let n = 0;

describeStoreConformance(
  'FileStore (encrypted)',
  () => createFileStore({ directory: join(root, `enc-${++n}`), keyRing }),
  { twin: (store) => createFileStore({ directory: store.directory, keyRing }) },
);

describeStoreConformance('FileStore (plaintext for local development)', () =>
  createFileStore({ directory: join(root, `plain-${++n}`), encryption: 'plaintext-for-local-development' }),
);
