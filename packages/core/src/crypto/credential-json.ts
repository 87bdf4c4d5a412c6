import type { Credential } from '../credentials';
import { AuthKitError } from '../errors';
import { Secret } from '../secret';

/**
 * Turns a credential into plain JSON with its secrets revealed, for sealing only. The result
 * must go straight into {@link KeyRing.encrypt} (or a plaintext development store).
 */
export function credentialToJson(credential: Credential): Record<string, unknown> {
  switch (credential.kind) {
    case 'oauth2':
      return {
        kind: 'oauth2',
        accessToken: credential.accessToken.reveal(),
        ...(credential.refreshToken ? { refreshToken: credential.refreshToken.reveal() } : {}),
        tokenType: credential.tokenType,
        ...(credential.expiresAt === undefined ? {} : { expiresAt: credential.expiresAt }),
        ...(credential.issuedAt === undefined ? {} : { issuedAt: credential.issuedAt }),
        ...(credential.refreshTokenExpiresAt === undefined ? {} : { refreshTokenExpiresAt: credential.refreshTokenExpiresAt }),
        scopes: [...credential.scopes],
      };
    case 'api_token':
      return {
        kind: 'api_token',
        tokenId: credential.tokenId,
        tokenValue: credential.tokenValue.reveal(),
        ...(credential.expiresAt === undefined ? {} : { expiresAt: credential.expiresAt }),
        ...(credential.scopes === undefined ? {} : { scopes: [...credential.scopes] }),
      };
    case 'api_key':
      return { kind: 'api_key', key: credential.key.reveal() };
    case 'personal_access_token':
      return {
        kind: 'personal_access_token',
        token: credential.token.reveal(),
        ...(credential.expiresAt === undefined ? {} : { expiresAt: credential.expiresAt }),
      };
  }
}

function invalid(field: string): AuthKitError {
  // Names the field, never its value.
  return new AuthKitError('decryption_failed', `Stored credential is malformed: field '${field}' is missing or has the wrong type`);
}

function str(source: Record<string, unknown>, field: string): string {
  const value = source[field];
  if (typeof value !== 'string') throw invalid(field);
  return value;
}

function optNum(source: Record<string, unknown>, field: string): number | undefined {
  const value = source[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(field);
  return value;
}

function optStrings(source: Record<string, unknown>, field: string): string[] | undefined {
  const value = source[field];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw invalid(field);
  return value as string[];
}

/** Rebuilds a credential (with {@link Secret}s) from JSON produced by {@link credentialToJson}. */
export function credentialFromJson(value: unknown): Credential {
  if (typeof value !== 'object' || value === null) throw invalid('credential');
  const source = value as Record<string, unknown>;
  const kind = source.kind;
  switch (kind) {
    case 'oauth2': {
      const refreshToken = source.refreshToken === undefined ? undefined : str(source, 'refreshToken');
      const expiresAt = optNum(source, 'expiresAt');
      const issuedAt = optNum(source, 'issuedAt');
      const refreshTokenExpiresAt = optNum(source, 'refreshTokenExpiresAt');
      return {
        kind,
        accessToken: new Secret(str(source, 'accessToken')),
        ...(refreshToken === undefined ? {} : { refreshToken: new Secret(refreshToken) }),
        tokenType: str(source, 'tokenType'),
        ...(expiresAt === undefined ? {} : { expiresAt }),
        ...(issuedAt === undefined ? {} : { issuedAt }),
        ...(refreshTokenExpiresAt === undefined ? {} : { refreshTokenExpiresAt }),
        scopes: optStrings(source, 'scopes') ?? [],
      };
    }
    case 'api_token': {
      const expiresAt = optNum(source, 'expiresAt');
      const scopes = optStrings(source, 'scopes');
      return {
        kind,
        tokenId: str(source, 'tokenId'),
        tokenValue: new Secret(str(source, 'tokenValue')),
        ...(expiresAt === undefined ? {} : { expiresAt }),
        ...(scopes === undefined ? {} : { scopes }),
      };
    }
    case 'api_key':
      return { kind, key: new Secret(str(source, 'key')) };
    case 'personal_access_token': {
      const expiresAt = optNum(source, 'expiresAt');
      return { kind, token: new Secret(str(source, 'token')), ...(expiresAt === undefined ? {} : { expiresAt }) };
    }
    default:
      throw invalid('kind');
  }
}
