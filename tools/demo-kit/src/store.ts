import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PLAINTEXT_FOR_LOCAL_DEVELOPMENT, createKeyRing, generateEncryptionKey, parseEncryptionKeys, redactUrl, type ConnectionStore, type StoreEncryptionOptions } from '@authkit/core';
import { createFileStore } from '@authkit/store-file';
import { lazyPostgresStore } from './postgres-store';

/** Name of the key a demo generates in its data folder on first start. */
export const LOCAL_KEY_FILE = 'encryption.key';

/** Where the demo keeps connections, and how it protects their secrets. */
export interface DemoStoreConfig {
  dataDir: string;
  /** AUTHKIT_ENCRYPTION_KEY; when set it wins over the local key file. */
  encryptionKey?: string | undefined;
  /** Store secrets unencrypted: an explicit opt-in. Default: `AUTHKIT_PLAINTEXT=1` in the environment. */
  plaintext?: boolean | undefined;
  /**
   * A PostgreSQL connection string: connections are kept there instead of the file store
   * (migrated on first use), encrypted the same way. Default: AUTHKIT_DATABASE_URL.
   */
  databaseUrl?: string | undefined;
  /** Table name prefix in PostgreSQL (tests keep their tables apart with it). */
  tablePrefix?: string | undefined;
}

export interface DemoStore {
  store: ConnectionStore;
  /** For the start-up log: where connections are and how they are protected. */
  description: string;
  /** The local key file, when the store uses one. */
  keyFile?: string;
}

function errorCode(error: unknown): unknown {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * The key in `<dataDir>/encryption.key`, created (32 random bytes, base64url, mode 0600) when
 * absent. It is written whole under a temporary name and linked into place, so two processes
 * starting at once on one folder end up with the same key and none reads a half-written file.
 */
function localKey(dataDir: string): { path: string; secret: string; created: boolean; tightened: boolean } {
  const path = join(dataDir, LOCAL_KEY_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let created = false;
  if (!existsSync(path)) {
    const tmp = `${path}.${process.pid}-${Date.now()}.tmp`;
    writeFileSync(tmp, `${generateEncryptionKey()}\n`, { mode: 0o600, flag: 'wx' });
    try {
      linkSync(tmp, path);
      created = true;
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  let tightened = false;
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
    chmodSync(path, 0o600);
    tightened = true;
  }
  return { path, secret: readFileSync(path, 'utf8').trim(), created, tightened };
}

/**
 * Connections an earlier run stored in plaintext cannot be read through a key ring: moves them
 * into `<dataDir>/plaintext-connections-<time>/` (never deletes them) and says how many.
 */
function movePlaintextAside(dataDir: string): { dir: string; count: number } | undefined {
  const connections = join(dataDir, 'connections');
  if (!existsSync(connections)) return undefined;
  const plaintext = readdirSync(connections).filter((name) => {
    if (!name.endsWith('.json')) return false;
    try {
      return 'plaintextCredential' in (JSON.parse(readFileSync(join(connections, name), 'utf8')) as object);
    } catch {
      return false;
    }
  });
  if (plaintext.length === 0) return undefined;
  const dir = join(dataDir, `plaintext-connections-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const name of plaintext) renameSync(join(connections, name), join(dir, name));
  return { dir, count: plaintext.length };
}

/**
 * The durable embedded file store in `dataDir`, with secrets encrypted at rest:
 * - AUTHKIT_ENCRYPTION_KEY (`encryptionKey`), when set;
 * - else a local key kept in `<dataDir>/encryption.key`, generated on first start and reused;
 * - plaintext only when explicitly chosen (`plaintext`, or AUTHKIT_PLAINTEXT=1).
 */
export function createDemoStore(config: DemoStoreConfig): DemoStore {
  const dataDir = resolve(config.dataDir);
  const databaseUrl = config.databaseUrl ?? process.env.AUTHKIT_DATABASE_URL;
  // Where connections live: PostgreSQL when a connection string is given, else the data folder.
  const backend = (encryption: StoreEncryptionOptions): { store: ConnectionStore; where: string } =>
    databaseUrl
      ? { store: lazyPostgresStore(databaseUrl, encryption, config.tablePrefix), where: `PostgreSQL (${redactUrl(databaseUrl)})` }
      : { store: createFileStore({ directory: dataDir, ...encryption }), where: `the file store at ${dataDir}` };
  if (config.encryptionKey) {
    const { store, where } = backend({ keyRing: createKeyRing({ keys: parseEncryptionKeys(config.encryptionKey) }) });
    return { store, description: `${where}, encrypted with AUTHKIT_ENCRYPTION_KEY` };
  }
  if (config.plaintext ?? process.env.AUTHKIT_PLAINTEXT === '1') {
    const { store, where } = backend({ encryption: PLAINTEXT_FOR_LOCAL_DEVELOPMENT });
    return { store, description: `${where} — PLAINTEXT (AUTHKIT_PLAINTEXT=1), for local development only` };
  }
  const key = localKey(dataDir);
  let keyRing: ReturnType<typeof createKeyRing>;
  try {
    keyRing = createKeyRing({ keys: [{ id: 'k1', secret: key.secret }] });
  } catch (error) {
    throw new Error(`The demo's key file ${key.path} is not a valid key (${(error as Error).message}); delete it to get a new one`, { cause: error });
  }
  const moved = databaseUrl ? undefined : movePlaintextAside(dataDir);
  const notes = [
    key.created ? 'created now' : 'reused',
    ...(key.tightened ? ['its permissions were loosened: set back to 0600'] : []),
    ...(moved ? [`${moved.count} plaintext connection(s) from an earlier run moved to ${moved.dir}`] : []),
  ];
  const { store, where } = backend({ keyRing });
  return {
    store,
    description: `${where}, encrypted with the local key ${key.path} (${notes.join('; ')})`,
    keyFile: key.path,
  };
}

