import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyRing, generateEncryptionKey, isAuthKitError } from '@authkit/core';
import { makeRecord } from '@authkit/store-conformance';
import { createFileStore } from '../src/index';

const root = mkdtempSync(join(tmpdir(), 'authkit-file-enc-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `s-${++n}`);
const k1 = { id: 'k1', secret: generateEncryptionKey() };
const k2 = { id: 'k2', secret: generateEncryptionKey() };

function allFileContents(dir: string): string {
  let out = '';
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out += entry.isDirectory() ? allFileContents(path) : readFileSync(path, 'utf8');
  }
  return out;
}

async function failure(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

function kidsOnDisk(directory: string): string[] {
  const dir = join(directory, 'connections');
  return readdirSync(dir).map((name) => {
    const stored = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { sealedCredential: string };
    return (JSON.parse(Buffer.from(stored.sealedCredential.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
  });
}

describe('FileStore encryption at rest', () => {
  it('refuses to start without a key ring unless plaintext is explicitly chosen', async () => {
    const error = await failure(() => createFileStore({ directory: freshDir() } as never));
    expect(isAuthKitError(error) && error.code).toBe('configuration_error');
    expect((error as Error).message).toMatch(/key ring/);
  });

  it('never writes a secret to disk in the clear (connections and pending authorizations)', async () => {
    const directory = freshDir();
    const store = createFileStore({ directory, keyRing: createKeyRing({ keys: [k1] }) });
    const record = makeRecord();
    await store.put(record, 0);
    await store.putEphemeral('auth:state-xyz', '{"codeVerifier":"VERIFIER-SECRET"}', 60_000);
    const disk = allFileContents(directory);
    if (record.credential.kind !== 'oauth2') throw new Error('kind');
    expect(disk).not.toContain(record.credential.accessToken.reveal());
    expect(disk).not.toContain(record.credential.refreshToken!.reveal());
    expect(disk).not.toContain('VERIFIER-SECRET');
    expect(disk).not.toContain('state-xyz');
    expect(disk).not.toContain(k1.secret);
    // Only the owner may read the files.
    expect(statSync(join(directory, 'connections')).mode & 0o077).toBe(0);
  });

  it('a wrong key gives decryption_failed, not garbage, and no secret in the message', async () => {
    const directory = freshDir();
    const record = makeRecord();
    await createFileStore({ directory, keyRing: createKeyRing({ keys: [k1] }) }).put(record, 0);
    const wrong = createFileStore({ directory, keyRing: createKeyRing({ keys: [{ id: 'k1', secret: generateEncryptionKey() }] }) });
    const missing = createFileStore({ directory, keyRing: createKeyRing({ keys: [k2] }) });
    const plain = createFileStore({ directory, encryption: 'plaintext-for-local-development' });
    for (const store of [wrong, missing, plain]) {
      const error = await failure(() => store.get(record.id));
      expect(isAuthKitError(error) && error.code).toBe('decryption_failed');
      if (record.credential.kind !== 'oauth2') throw new Error('kind');
      expect((error as Error).message).not.toContain(record.credential.accessToken.reveal());
    }
  });

  it('rotates keys: old records stay readable, new writes use the newest key, reencryptAll moves the rest', async () => {
    const directory = freshDir();
    const before = createFileStore({ directory, keyRing: createKeyRing({ keys: [k1] }) });
    const a = await before.put(makeRecord(), 0);
    const b = await before.put(makeRecord(), 0);
    expect(kidsOnDisk(directory).sort()).toEqual(['k1', 'k1']);

    const rotated = createFileStore({ directory, keyRing: createKeyRing({ keys: [k1, k2] }) });
    expect((await rotated.get(a.id))!.version).toBe(1);
    await rotated.put({ ...a, status: 'revoked' }, 1);
    expect(kidsOnDisk(directory).sort()).toEqual(['k1', 'k2']);

    expect(await rotated.reencryptAll()).toEqual({ scanned: 2, reencrypted: 1 });
    expect(kidsOnDisk(directory)).toEqual(['k2', 'k2']);
    expect(await rotated.reencryptAll()).toEqual({ scanned: 2, reencrypted: 0 });

    // k1 can now be retired; versions did not move.
    const retired = createFileStore({ directory, keyRing: createKeyRing({ keys: [k2] }) });
    expect((await retired.get(b.id))!.version).toBe(1);
    expect((await retired.get(a.id))!.status).toBe('revoked');
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

  it('a damaged connection file gives decryption_failed, not a crash or garbage', async () => {
    const directory = freshDir();
    const store = createFileStore({ directory, keyRing: createKeyRing({ keys: [k1] }) });
    const record = await store.put(makeRecord(), 0);
    const [name] = readdirSync(join(directory, 'connections'));
    const path = join(directory, 'connections', name!);
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 40));
    const error = await failure(() => store.get(record.id));
    expect(isAuthKitError(error) && error.code).toBe('decryption_failed');
    // Valid JSON but not a stored connection (fields missing).
    writeFileSync(path, JSON.stringify({ format: 1, id: record.id }));
    const malformed = await failure(() => store.get(record.id));
    expect(isAuthKitError(malformed) && malformed.code).toBe('decryption_failed');
  });
});
