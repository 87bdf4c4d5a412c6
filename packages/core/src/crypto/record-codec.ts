import type { ConnectionHealth, ConnectionRecord } from '../connection';
import { AuthKitError } from '../errors';
import { credentialFromJson, credentialToJson } from './credential-json';
import type { KeyRing } from './key-ring';

/** The explicit opt-out of encryption, for local development only. */
export const PLAINTEXT_FOR_LOCAL_DEVELOPMENT = 'plaintext-for-local-development';

/**
 * How a durable store protects secrets: a key ring, or an explicit, loudly named opt-out.
 * There is no default: a durable store without one of these refuses to start.
 */
export type StoreEncryptionOptions =
  | { keyRing: KeyRing; encryption?: undefined }
  | { keyRing?: undefined; encryption: typeof PLAINTEXT_FOR_LOCAL_DEVELOPMENT };

/**
 * A connection as a durable store keeps it: everything but the credential in the clear (so
 * stores can index and list without keys), the credential sealed as a JWE naming its key.
 */
export interface StoredConnection extends Omit<ConnectionRecord, 'credential'> {
  readonly format: 1;
  /** Compact JWE of the credential JSON (encrypted stores). */
  readonly sealedCredential?: string;
  /** The credential JSON itself (plaintext development stores only). */
  readonly plaintextCredential?: Record<string, unknown>;
}

/** Turns records into their stored form and back; the one place a durable store touches secrets. */
export interface RecordCodec {
  /** True when secrets are encrypted (false only for the explicit development opt-out). */
  readonly encrypted: boolean;
  /** Key id new writes use; undefined in plaintext mode. */
  readonly currentKeyId: string | undefined;
  encode(record: ConnectionRecord): Promise<StoredConnection>;
  decode(stored: unknown): Promise<ConnectionRecord>;
  /** True if `stored` was sealed with another key than the current one. */
  needsReencryption(stored: StoredConnection): boolean;
  /** Seals a short-lived value (pending authorization); `context` binds it to its key. */
  sealValue(value: string, context: string): Promise<string>;
  openValue(sealed: string, context: string): Promise<string>;
}

const PLAIN_PREFIX = 'plain:';

/** The health fields, allow-listed (codes and times only). */
function healthOf(health: ConnectionHealth): ConnectionHealth {
  return {
    failureCount: health.failureCount,
    firstFailureAt: health.firstFailureAt,
    lastFailureAt: health.lastFailureAt,
    lastErrorCode: health.lastErrorCode,
    ...(health.retryAfter === undefined ? {} : { retryAfter: health.retryAfter }),
  };
}

function isHealth(value: unknown): value is ConnectionHealth {
  if (typeof value !== 'object' || value === null) return false;
  const health = value as Record<string, unknown>;
  return (
    typeof health.failureCount === 'number' &&
    typeof health.firstFailureAt === 'number' &&
    typeof health.lastFailureAt === 'number' &&
    typeof health.lastErrorCode === 'string'
  );
}

function recordContext(id: string): string {
  return `connection:${id}`;
}

function malformed(what: string): AuthKitError {
  return new AuthKitError('decryption_failed', `Stored connection is malformed: ${what}`);
}

function checkStored(value: unknown): StoredConnection {
  if (typeof value !== 'object' || value === null) throw malformed('not an object');
  const stored = value as Record<string, unknown>;
  if (stored.format !== 1) throw malformed('unknown format');
  for (const field of ['id', 'providerId', 'ownerId', 'status', 'grant'] as const) {
    if (typeof stored[field] !== 'string') throw malformed(`field '${field}'`);
  }
  for (const field of ['version', 'createdAt', 'updatedAt'] as const) {
    if (typeof stored[field] !== 'number') throw malformed(`field '${field}'`);
  }
  if (typeof stored.metadata !== 'object' || stored.metadata === null) throw malformed(`field 'metadata'`);
  return stored as unknown as StoredConnection;
}

/**
 * Builds the codec a durable store uses. Throws `configuration_error` unless a key ring or the
 * explicit `encryption: 'plaintext-for-local-development'` opt-out is given.
 */
export function createRecordCodec(options: StoreEncryptionOptions | undefined, storeName = 'This store'): RecordCodec {
  const keyRing = options?.keyRing;
  if (!keyRing && options?.encryption !== PLAINTEXT_FOR_LOCAL_DEVELOPMENT) {
    throw new AuthKitError(
      'configuration_error',
      `${storeName} keeps secrets at rest and needs a key ring (createKeyRing) to encrypt them; ` +
        `pass { encryption: '${PLAINTEXT_FOR_LOCAL_DEVELOPMENT}' } only for local development`,
    );
  }

  async function sealCredential(record: ConnectionRecord): Promise<Partial<StoredConnection>> {
    const json = credentialToJson(record.credential);
    if (!keyRing) return { plaintextCredential: json };
    return { sealedCredential: await keyRing.encrypt(JSON.stringify(json), recordContext(record.id)) };
  }

  return {
    encrypted: keyRing !== undefined,
    currentKeyId: keyRing?.currentKeyId,
    async encode(record) {
      // Allow-listed fields only: whatever else a record object carries never reaches disk unsealed.
      return {
        format: 1,
        id: record.id,
        providerId: record.providerId,
        ownerId: record.ownerId,
        ...(record.label === undefined ? {} : { label: record.label }),
        status: record.status,
        version: record.version,
        grant: record.grant,
        metadata: { ...record.metadata },
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
        ...(record.dueAt === undefined ? {} : { dueAt: record.dueAt }),
        ...(record.health === undefined ? {} : { health: healthOf(record.health) }),
        ...(record.verifiedAt === undefined ? {} : { verifiedAt: record.verifiedAt }),
        ...(await sealCredential(record)),
      };
    },
    async decode(value) {
      const stored = checkStored(value);
      let credentialJson: unknown;
      if (keyRing) {
        if (typeof stored.sealedCredential !== 'string') {
          throw new AuthKitError(
            'decryption_failed',
            `Stored connection '${stored.id}' is not encrypted, but this store was opened with a key ring`,
          );
        }
        const plaintext = await keyRing.decrypt(stored.sealedCredential, recordContext(stored.id));
        try {
          credentialJson = JSON.parse(plaintext);
        } catch {
          throw malformed('credential is not JSON');
        }
      } else {
        if (stored.plaintextCredential === undefined) {
          throw new AuthKitError(
            'decryption_failed',
            `Stored connection '${stored.id}' is encrypted, but this store was opened without a key ring`,
          );
        }
        credentialJson = stored.plaintextCredential;
      }
      return {
        id: stored.id,
        providerId: stored.providerId,
        ownerId: stored.ownerId,
        ...(stored.label === undefined ? {} : { label: stored.label }),
        status: stored.status,
        version: stored.version,
        grant: stored.grant,
        credential: credentialFromJson(credentialJson),
        metadata: { ...stored.metadata },
        createdAt: stored.createdAt,
        updatedAt: stored.updatedAt,
        ...(typeof stored.dueAt === 'number' ? { dueAt: stored.dueAt } : {}),
        ...(isHealth(stored.health) ? { health: healthOf(stored.health) } : {}),
        ...(typeof stored.verifiedAt === 'number' ? { verifiedAt: stored.verifiedAt } : {}),
      };
    },
    needsReencryption(stored) {
      if (!keyRing) return false;
      if (typeof stored.sealedCredential !== 'string') return true;
      return keyRing.keyIdOf(stored.sealedCredential) !== keyRing.currentKeyId;
    },
    async sealValue(value, context) {
      if (!keyRing) return PLAIN_PREFIX + value;
      return keyRing.encrypt(value, `ephemeral:${context}`);
    },
    async openValue(sealed, context) {
      if (!keyRing) {
        if (!sealed.startsWith(PLAIN_PREFIX)) {
          throw new AuthKitError('decryption_failed', 'Stored value is encrypted, but this store was opened without a key ring');
        }
        return sealed.slice(PLAIN_PREFIX.length);
      }
      if (sealed.startsWith(PLAIN_PREFIX)) {
        throw new AuthKitError('decryption_failed', 'Stored value is not encrypted, but this store was opened with a key ring');
      }
      return keyRing.decrypt(sealed, `ephemeral:${context}`);
    },
  };
}
