import type { ConnectionRecord, ConnectionView } from '../connection';

/** The secret-free view of a record, for applications, UIs and logs. */
export function toConnectionView(record: ConnectionRecord): ConnectionView {
  const credential = record.credential;
  let scopes: readonly string[] = [];
  let expiresAt: number | undefined;
  let refreshTokenExpiresAt: number | undefined;
  switch (credential.kind) {
    case 'oauth2':
      scopes = credential.scopes;
      expiresAt = credential.expiresAt;
      refreshTokenExpiresAt = credential.refreshTokenExpiresAt;
      break;
    case 'api_token':
      scopes = credential.scopes ?? [];
      expiresAt = credential.expiresAt;
      break;
    case 'personal_access_token':
      expiresAt = credential.expiresAt;
      break;
    case 'api_key':
      break;
  }
  // An explicit allow-list, not `...record`: a custom store may hand back extra fields, and
  // nothing but these may ever reach an application, a UI or a log.
  return {
    id: record.id,
    providerId: record.providerId,
    ownerId: record.ownerId,
    ...(record.label === undefined ? {} : { label: record.label }),
    status: record.status,
    version: record.version,
    grant: record.grant,
    credentialKind: credential.kind,
    scopes: [...scopes],
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(refreshTokenExpiresAt === undefined ? {} : { refreshTokenExpiresAt }),
    metadata: { ...record.metadata },
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.dueAt === undefined ? {} : { dueAt: record.dueAt }),
    ...(record.health === undefined ? {} : { health: { ...record.health } }),
    ...(record.verifiedAt === undefined ? {} : { verifiedAt: record.verifiedAt }),
  };
}
