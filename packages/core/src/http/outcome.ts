import type { AuthKitErrorCode } from '../errors';
import type { ProviderDefinition } from '../providers/types';
import { safeDetail } from './details';
import { describeError } from './messages';

/** What a browser flow reported back to the page it returned to. */
export interface FlowOutcome {
  kind: 'success' | 'error';
  /** The error code, for `kind: 'error'`. */
  code?: AuthKitErrorCode;
  providerId?: string;
  /** The one wording, ready to show. */
  message: string;
}

const EVENTS = { connected: 'connected', reconnected: 'reconnected', disconnected: 'disconnected' } as const;

/**
 * Reads the parameters the connect handler adds to `returnTo` (`authkit`, `authkit_error`,
 * `authkit_provider`) and gives the message to show, in the same words in every framework.
 * Undefined when the URL carries none (or an unknown code: the parameters come from the URL).
 */
export function describeOutcome(
  params: URLSearchParams,
  providers: ReadonlyMap<string, Pick<ProviderDefinition, 'name'>>,
  codes: readonly AuthKitErrorCode[] = KNOWN,
): FlowOutcome | undefined {
  const providerId = params.get('authkit_provider') ?? undefined;
  const provider = providerId === undefined ? undefined : providers.get(providerId);
  const name = provider?.name ?? 'the provider';
  const scoped = provider === undefined ? {} : { providerId: providerId! };
  const error = params.get('authkit_error');
  if (error !== null) {
    if (!(codes as readonly string[]).includes(error)) return undefined;
    const code = error as AuthKitErrorCode;
    const detail = safeDetail(params.get('authkit_detail'));
    return { kind: 'error', code, ...scoped, message: describeError(code, { provider: name, ...(detail === undefined ? {} : { detail }) }) };
  }
  const event = params.get('authkit');
  if (event === null || !(event in EVENTS)) return undefined;
  return { kind: 'success', ...scoped, message: `${provider?.name ?? 'The provider'} ${EVENTS[event as keyof typeof EVENTS]}.` };
}

const KNOWN: readonly AuthKitErrorCode[] = [
  'owner_required', 'unknown_provider', 'not_found', 'method_not_allowed', 'invalid_request', 'invalid_return_to', 'forbidden_origin',
  'payload_too_large', 'unsupported_media_type', 'connection_exists', 'connection_not_found', 'unauthenticated', 'reauthorization_required',
  'invalid_credential', 'permission_denied', 'rate_limited', 'invalid_state', 'invalid_callback', 'authorization_denied',
  'token_endpoint_error', 'provider_unavailable', 'version_conflict', 'lock_timeout', 'store_unavailable', 'host_not_allowed',
  'configuration_error', 'decryption_failed', 'internal_error',
];
