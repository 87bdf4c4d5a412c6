import type { AuthKitErrorCode } from '../errors';

/** What a wording may use: the provider's display name and a safe detail from the error. */
export interface WordingContext {
  /** Display name, e.g. "Planday"; "the provider" when unknown. */
  provider: string;
  /** Names fields or reasons, never values (see `AuthKitError.detail`). */
  detail?: string;
  /** Seconds to wait (rate limits). */
  retryAfter?: number;
  requiredScope?: string;
  /** The token endpoint answered `invalid_grant`: the code or token given is spent or wrong. */
  rejectedGrant?: boolean;
}

const SERVER_FAULT = (c: WordingContext) =>
  `Something is wrong on our side with ${c.provider}. Try again later, and tell the site's operator if it keeps happening.`;

/**
 * One wording per error code, used by every adapter: it names the provider, says what
 * happened, and says what the user can do next. Messages never contain a secret.
 */
const WORDING: Record<AuthKitErrorCode, (c: WordingContext) => string> = {
  owner_required: () => 'Sign in first: connections belong to a signed-in user.',
  unknown_provider: () => 'This app has no provider by that name. Check the link and try again.',
  not_found: () => 'There is nothing at this address.',
  method_not_allowed: () => 'This address does not accept that request method.',
  invalid_request: (c) => `The request cannot be used: ${c.detail ?? 'a field is missing or malformed'}. Correct it and send it again.`,
  invalid_return_to: () => 'The return address must be a path on this site. Start again from the app.',
  forbidden_origin: () => 'This request came from another site, so it was refused. Go back to the app and try again there.',
  payload_too_large: () => 'The request is too large. Send only the fields the form asks for.',
  unsupported_media_type: () => 'Send the fields as JSON or as an HTML form (application/x-www-form-urlencoded).',
  connection_exists: (c) =>
    `${c.provider} is already connected${c.detail === undefined ? '' : ` (${c.detail})`}. Reconnect that connection, or connect with another label.`,
  connection_not_found: (c) => `There is no ${c.provider} connection here${c.detail === undefined ? '' : ` (${c.detail})`}. Connect ${c.provider} first.`,
  unauthenticated: (c) => `${c.provider} rejected the connection's credentials. Reconnect ${c.provider}.`,
  reauthorization_required: (c) => `${c.provider} needs you to authorize the connection again. Reconnect ${c.provider}.`,
  invalid_credential: (c) => `${c.provider} did not accept the credential: ${c.detail ?? 'it was refused'}. Check it and enter it again.`,
  permission_denied: (c) =>
    `${c.provider} refused this request: the connection lacks a permission${c.requiredScope === undefined ? '' : ` (${c.requiredScope})`}. Reconnect ${c.provider} and grant it.`,
  rate_limited: (c) =>
    `${c.provider} is receiving too many requests. Try again${c.retryAfter === undefined ? ' shortly' : ` in ${Math.max(1, Math.ceil(c.retryAfter))} s`}.`,
  invalid_state: (c) =>
    `This ${c.provider} authorization cannot be completed: the link was already used, has expired, or was started in another browser. Start connecting ${c.provider} again.`,
  invalid_callback: (c) => `${c.provider} sent back an authorization response that cannot be used. Start connecting ${c.provider} again.`,
  authorization_denied: (c) => `${c.provider} did not authorize the connection. Start connecting ${c.provider} again if that was a mistake.`,
  token_endpoint_error: (c) =>
    c.rejectedGrant
      ? `${c.provider} refused the authorization: it has expired or was already used. Start connecting ${c.provider} again.`
      : `${c.provider} did not complete the request as expected. Try again in a moment.`,
  provider_unavailable: (c) => `${c.provider} could not be reached. Try again in a moment.`,
  version_conflict: (c) => `The ${c.provider} connection changed while this request ran. Try again.`,
  lock_timeout: (c) => `The ${c.provider} connection is busy. Try again in a moment.`,
  store_unavailable: () => 'Connections cannot be read or saved right now. Try again in a moment.',
  host_not_allowed: SERVER_FAULT,
  configuration_error: SERVER_FAULT,
  decryption_failed: SERVER_FAULT,
  internal_error: SERVER_FAULT,
};

/** The one wording of an error code (see {@link WORDING}). */
export function describeError(code: AuthKitErrorCode, context: WordingContext): string {
  return WORDING[code](context);
}
