import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret, generateEncryptionKey, type ConnectionRecord } from '@authkit/core';
import { createDemoStore } from './store';

const root = mkdtempSync(join(tmpdir(), 'authkit-demo-store-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `demo-${++n}`);

const ACCESS = 'demo-access-token-SHOULD-NOT-BE-ON-DISK';
const REFRESH = 'demo-refresh-token-SHOULD-NOT-BE-ON-DISK';

function record(id = 'conn-1'): ConnectionRecord {
  return {
    id,
    providerId: 'plannr',
    ownerId: 'demo:alice',
    status: 'active',
    version: 0,
    grant: 'authorization_code',
    credential: { kind: 'oauth2', accessToken: new Secret(ACCESS), refreshToken: new Secret(REFRESH), tokenType: 'Bearer', expiresAt: 1_800_000_000_000, scopes: ['*'] },
    metadata: {},
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
  };
}

function allFileContents(dir: string): string {
  let out = '';
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out += entry.isDirectory() ? allFileContents(path) : readFileSync(path, 'utf8');
  }
  return out;
}

function accessTokenOf(stored: ConnectionRecord | undefined): string | undefined {
  return stored?.credential.kind === 'oauth2' ? stored.credential.accessToken.reveal() : undefined;
}

// The developer's own AUTHKIT_PLAINTEXT must not decide what these tests see.
let savedPlaintext: string | undefined;
beforeEach(() => {
  savedPlaintext = process.env.AUTHKIT_PLAINTEXT;
  delete process.env.AUTHKIT_PLAINTEXT;
});
afterEach(() => {
  if (savedPlaintext === undefined) delete process.env.AUTHKIT_PLAINTEXT;
  else process.env.AUTHKIT_PLAINTEXT = savedPlaintext;
});

describe('createDemoStore', () => {
  it('creates a 0600 key in the data folder on first start, reuses it on the next, and keeps no token in the clear', async () => {
    const dataDir = freshDir();
    const first = createDemoStore({ dataDir });
    const keyFile = join(dataDir, 'encryption.key');
    expect(first.keyFile).toBe(keyFile);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(first.description).toContain(keyFile);
    expect(first.description).toContain('created now');
    const key = readFileSync(keyFile, 'utf8');
    await first.store.put(record(), 0);
    await first.store.close?.();

    const connectionFiles = readdirSync(join(dataDir, 'connections'));
    expect(connectionFiles).toHaveLength(1);
    const stored = JSON.parse(readFileSync(join(dataDir, 'connections', connectionFiles[0]!), 'utf8')) as Record<string, unknown>;
    expect(typeof stored.sealedCredential).toBe('string');
    expect(stored.plaintextCredential).toBeUndefined();
    const disk = allFileContents(join(dataDir, 'connections'));
    expect(disk).not.toContain(ACCESS);
    expect(disk).not.toContain(REFRESH);
    expect(disk).not.toContain(key.trim());

    const second = createDemoStore({ dataDir });
    expect(second.description).toContain('reused');
    expect(readFileSync(keyFile, 'utf8')).toBe(key);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(accessTokenOf(await second.store.get('conn-1'))).toBe(ACCESS);
    await second.store.close?.();
  });

  it('reads what it wrote when the key file is given as AUTHKIT_ENCRYPTION_KEY (same key id)', async () => {
    const dataDir = freshDir();
    const local = createDemoStore({ dataDir });
    await local.store.put(record(), 0);
    const viaEnv = createDemoStore({ dataDir: freshDir(), encryptionKey: readFileSync(local.keyFile!, 'utf8').trim() });
    expect(viaEnv.keyFile).toBeUndefined();
    const sameDir = createDemoStore({ dataDir, encryptionKey: readFileSync(local.keyFile!, 'utf8').trim() });
    expect(accessTokenOf(await sameDir.store.get('conn-1'))).toBe(ACCESS);
  });

  it('lets AUTHKIT_ENCRYPTION_KEY win: no key file is created', async () => {
    const dataDir = freshDir();
    const { store, description, keyFile } = createDemoStore({ dataDir, encryptionKey: `main:${generateEncryptionKey()}` });
    expect(keyFile).toBeUndefined();
    expect(description).toContain('AUTHKIT_ENCRYPTION_KEY');
    await store.put(record(), 0);
    expect(existsSync(join(dataDir, 'encryption.key'))).toBe(false);
    expect(allFileContents(dataDir)).not.toContain(ACCESS);
  });

  it('stores plaintext only on explicit opt-in (AUTHKIT_PLAINTEXT=1), and says so', async () => {
    const dataDir = freshDir();
    process.env.AUTHKIT_PLAINTEXT = '1';
    const { store, description, keyFile } = createDemoStore({ dataDir });
    expect(keyFile).toBeUndefined();
    expect(description).toMatch(/PLAINTEXT/);
    await store.put(record(), 0);
    expect(existsSync(join(dataDir, 'encryption.key'))).toBe(false);
    expect(allFileContents(dataDir)).toContain(ACCESS);
  });

  it('moves plaintext connections of an earlier run aside instead of failing to read them', async () => {
    const dataDir = freshDir();
    const old = createDemoStore({ dataDir, plaintext: true });
    await old.store.put(record('old'), 0);
    const now = createDemoStore({ dataDir });
    expect(now.description).toMatch(/1 plaintext connection\(s\) from an earlier run moved to /);
    expect(await now.store.list()).toEqual([]);
    await now.store.put(record('new'), 0);
    expect(allFileContents(join(dataDir, 'connections'))).not.toContain(ACCESS);
    const aside = readdirSync(dataDir).filter((name) => name.startsWith('plaintext-connections-'));
    expect(aside).toHaveLength(1);
  });

  it('tightens a key file that became readable by others, and rejects one that is not a key', () => {
    const dataDir = freshDir();
    createDemoStore({ dataDir });
    const keyFile = join(dataDir, 'encryption.key');
    chmodSync(keyFile, 0o644);
    expect(createDemoStore({ dataDir }).description).toMatch(/set back to 0600/);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    const broken = freshDir();
    mkdirSync(broken);
    writeFileSync(join(broken, 'encryption.key'), 'not-a-key\n', { mode: 0o600 });
    expect(() => createDemoStore({ dataDir: broken })).toThrow(/encryption\.key is not a valid key/);
  });
});
