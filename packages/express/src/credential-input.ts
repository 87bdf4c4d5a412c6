import type { StaticCredentialInput } from '@authkit/core';
import type { Request } from 'express';
import { AuthKitExpressError } from './adapter-error';
import { bodyString } from './web';

function required(req: Request, field: string, providerId: string): string {
  // Not trimmed: core rejects pasted whitespace clearly instead of guessing.
  const value = bodyString(req, field);
  if (value === undefined || value.trim() === '') {
    throw new AuthKitExpressError('invalid_request', `The field "${field}" is required`, providerId);
  }
  return value;
}

/**
 * Reads a static credential from a form or JSON body. `kind` may be given; otherwise it
 * follows from the fields: `tokenId` + `tokenValue` (API token pair), `key` (API key),
 * `token` (personal access token). Values are checked by core; messages name fields only.
 */
export function readStaticCredential(req: Request, providerId: string): StaticCredentialInput {
  const kind =
    bodyString(req, 'kind') ??
    (bodyString(req, 'tokenId') !== undefined ? 'api_token' : bodyString(req, 'key') !== undefined ? 'api_key' : 'personal_access_token');
  switch (kind) {
    case 'api_token':
      return { kind, tokenId: required(req, 'tokenId', providerId), tokenValue: required(req, 'tokenValue', providerId) };
    case 'api_key':
      return { kind, key: required(req, 'key', providerId) };
    case 'personal_access_token':
      return { kind, token: required(req, 'token', providerId) };
    default:
      throw new AuthKitExpressError('invalid_request', 'The field "kind" must be api_token, api_key or personal_access_token', providerId);
  }
}
