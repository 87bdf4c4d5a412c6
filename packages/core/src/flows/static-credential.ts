import type { Credential, StaticCredentialInput } from '../credentials';
import { Secret } from '../secret';

/** A pasted static credential as AuthKit holds it: each secret wrapped as a {@link Secret}. */
export function toStaticCredential(input: StaticCredentialInput): Credential {
  switch (input.kind) {
    case 'api_token':
      return {
        kind: 'api_token',
        tokenId: input.tokenId,
        tokenValue: new Secret(input.tokenValue),
        ...(input.expiresAt === undefined ? {} : { expiresAt: input.expiresAt }),
        ...(input.scopes === undefined ? {} : { scopes: [...input.scopes] }),
      };
    case 'api_key':
      return { kind: 'api_key', key: new Secret(input.key) };
    case 'personal_access_token':
      return {
        kind: 'personal_access_token',
        token: new Secret(input.token),
        ...(input.expiresAt === undefined ? {} : { expiresAt: input.expiresAt }),
      };
  }
}
