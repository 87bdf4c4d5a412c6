import type { Ctx } from '../http';

export type OAuthError =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'unsupported_token_type';

/** A provider's error body shape (Plannr adds `hint` and `message`). */
export type ErrorBodyFn = (error: OAuthError, description: string, hint?: string) => Record<string, unknown>;

/** An RFC 6749 §5.2 error; `status` 401 only for `invalid_client` with a secret. */
export class TokenError extends Error {
  constructor(
    readonly error: OAuthError,
    readonly description: string,
    readonly status = 400,
    readonly hint?: string,
  ) {
    super(description);
  }
}

export function sendOAuthError(ctx: Ctx, config: { errorBody?: ErrorBodyFn | undefined }, error: TokenError): void {
  const body = config.errorBody?.(error.error, error.description, error.hint) ?? { error: error.error, error_description: error.description };
  const headers: Record<string, string> = { pragma: 'no-cache' };
  if (error.status === 401) headers['www-authenticate'] = 'Basic realm="sandbox"';
  ctx.json(error.status, body, headers);
}

