/** Codes of errors the adapter itself raises (before or around a core call). */
export type AdapterErrorCode =
  | 'owner_required'
  | 'unknown_provider'
  | 'invalid_return_to'
  | 'invalid_state'
  | 'invalid_request'
  | 'forbidden_origin'
  | 'connection_not_found';

const STATUS: Record<AdapterErrorCode, number> = {
  owner_required: 401,
  unknown_provider: 404,
  invalid_return_to: 400,
  invalid_state: 400,
  invalid_request: 400,
  forbidden_origin: 403,
  connection_not_found: 404,
};

/** An error raised by `@authkit/express` itself; its message never contains a secret. */
export class AuthKitExpressError extends Error {
  override readonly name = 'AuthKitExpressError';
  readonly code: AdapterErrorCode;
  readonly status: number;
  readonly providerId?: string;

  constructor(code: AdapterErrorCode, message: string, providerId?: string) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
    if (providerId !== undefined) this.providerId = providerId;
  }
}
