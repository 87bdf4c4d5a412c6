import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Secret, generateEncryptionKey } from '@authkit/core';
import type { ConnectionRecord, Credential, EncryptionKeyInput } from '@authkit/core';

/** A key for a ring, with its AUTHKIT_ENCRYPTION_KEY entry. */
export function newKey(id: string): EncryptionKeyInput & { entry: string } {
  const secret = generateEncryptionKey();
  return { id, secret, entry: `${id}:${secret}` };
}

/** A value that looks like nothing else in the output, so finding it anywhere means a leak. */
export function secretValue(label: string): string {
  return `${label}-SECRET-${randomBytes(12).toString('hex')}`;
}

/** One credential of each kind, all with fresh secret values. */
export function credentialsOfEveryKind(): { credential: Credential; secrets: string[] }[] {
  const access = secretValue('access');
  const refresh = secretValue('refresh');
  const tokenValue = secretValue('token');
  const apiKey = secretValue('apikey');
  const pat = secretValue('pat');
  return [
    {
      credential: {
        kind: 'oauth2',
        accessToken: new Secret(access),
        refreshToken: new Secret(refresh),
        tokenType: 'Bearer',
        expiresAt: Date.now() + 3_600_000,
        refreshTokenExpiresAt: Date.now() + 180 * 86_400_000,
        scopes: ['*'],
      },
      secrets: [access, refresh],
    },
    { credential: { kind: 'api_token', tokenId: 'tok_visible', tokenValue: new Secret(tokenValue), scopes: ['iguide.ro'] }, secrets: [tokenValue] },
    { credential: { kind: 'api_key', key: new Secret(apiKey) }, secrets: [apiKey] },
    { credential: { kind: 'personal_access_token', token: new Secret(pat), expiresAt: Date.now() + 86_400_000 }, secrets: [pat] },
  ];
}

/** A stored record as an app would have written it (version 0: not yet stored). */
export function recordWith(id: string, credential: Credential, overrides: Partial<ConnectionRecord> = {}): ConnectionRecord {
  const now = Date.now();
  return {
    id,
    providerId: 'plannr',
    ownerId: 'owner-1',
    status: 'active',
    version: 0,
    grant: credential.kind === 'oauth2' ? 'authorization_code' : 'static',
    credential,
    metadata: { accountUuid: 'acc-1' },
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/** A fresh empty directory for a file store, removed by the returned function. */
export function tempDirectory(label: string): { directory: string; remove: () => void } {
  const directory = mkdtempSync(join(tmpdir(), `authkit-cli-${label}-`));
  return { directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

const WORK = fileURLToPath(new URL('../.work/', import.meta.url));

/**
 * Writes an `authkit.config.mjs` inside the package (test/.work, git-ignored), where
 * `@authkit/core` resolves as it would in a user's project that installed it.
 */
export function writeConfigModule(source: string): { path: string; remove: () => void } {
  const directory = join(WORK, randomUUID());
  mkdirSync(directory, { recursive: true });
  const path = join(directory, 'authkit.config.mjs');
  writeFileSync(path, source);
  return { path, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
