import { Secret, isAuthKitError } from '@authkit/core';
import type { ConnectionRecord, Credential } from '@authkit/core';

let counter = 0;

/** A fresh record with an OAuth2 credential; ids are unique within a run. */
export function makeRecord(overrides: Partial<ConnectionRecord> = {}): ConnectionRecord {
  counter += 1;
  return {
    id: `conformance-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    providerId: 'plannr',
    ownerId: 'owner-a',
    status: 'active',
    version: 0,
    grant: 'authorization_code',
    credential: {
      kind: 'oauth2',
      accessToken: new Secret(`access-${counter}-SECRET`),
      refreshToken: new Secret(`refresh-${counter}-SECRET`),
      tokenType: 'Bearer',
      expiresAt: 1_800_000_000_000,
      refreshTokenExpiresAt: 1_900_000_000_000,
      scopes: ['*'],
    },
    metadata: { accountUuid: 'acc-1' },
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}

/** One credential of every kind, each with its optional fields, to check they all round-trip. */
export const CREDENTIALS_OF_EVERY_KIND: readonly Credential[] = [
  {
    kind: 'oauth2',
    accessToken: new Secret('only-access'),
    tokenType: 'bearer',
    scopes: [],
  },
  {
    kind: 'api_token',
    tokenId: 'tok_123',
    tokenValue: new Secret('token-value-SECRET'),
    expiresAt: 1_800_000_000_000,
    scopes: ['iguide.ro', 'iguide.list'],
  },
  { kind: 'api_key', key: new Secret('api-key-SECRET') },
  { kind: 'personal_access_token', token: new Secret('pat-SECRET'), expiresAt: 1_800_000_000_000 },
];

/** Credential with every Secret revealed: lets tests compare what a store gave back. */
export function revealCredential(credential: Credential): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(credential)) {
    out[key] = value instanceof Secret ? { secret: value.reveal() } : value;
  }
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `fn` (or awaits a promise already started) and tells how it ended: the AuthKit error code
 * it threw, `resolved`, or a description of a non-AuthKit error (which tests treat as a failure to
 * compare against).
 */
export async function errorCodeOf(fn: (() => unknown) | Promise<unknown>): Promise<string> {
  try {
    await (typeof fn === 'function' ? fn() : fn);
  } catch (error) {
    return isAuthKitError(error) ? error.code : `non-AuthKit error: ${String(error)}`;
  }
  return 'resolved';
}
