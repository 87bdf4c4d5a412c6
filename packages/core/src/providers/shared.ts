import type { Credential, StaticCredentialInput } from '../credentials';
import { AuthKitError } from '../errors';
import type { ProviderErrorInfo, SignRequestContext } from './types';

/** `host` (with port, if any) of each URL given; invalid or missing URLs are skipped. */
export function hostsOf(...urls: readonly (string | undefined)[]): string[] {
  const hosts = new Set<string>();
  for (const url of urls) {
    if (!url) continue;
    try {
      hosts.add(new URL(url).host);
    } catch {
      // validated elsewhere with a clearer error
    }
  }
  return [...hosts];
}

/** Throws a `configuration_error` naming the missing option (never its value). */
export function requireOption<T>(providerId: string, name: string, value: T | undefined, hint = ''): T {
  if (value === undefined || value === null || value === '') {
    throw new AuthKitError('configuration_error', `Provider "${providerId}" needs the "${name}" option.${hint ? ' ' + hint : ''}`, {
      providerId,
    });
  }
  return value;
}

/** Checks that a URL option parses, with an error naming the option (and saying when it is missing). */
export function checkUrl(providerId: string, name: string, value: string | undefined, alternatives = ''): string {
  if (value === undefined || value === '') {
    throw new AuthKitError('configuration_error', `Provider "${providerId}" needs the "${name}" option${alternatives ? `, ${alternatives}` : ''}.`, {
      providerId,
    });
  }
  try {
    new URL(value);
  } catch {
    throw new AuthKitError('configuration_error', `Provider "${providerId}": option "${name}" is not a valid URL.`, {
      providerId,
    });
  }
  return value;
}

/** The bearer-style token of a credential, if it has one. */
export function bearerTokenOf(credential: Credential): string | undefined {
  switch (credential.kind) {
    case 'oauth2':
      return credential.accessToken.reveal();
    case 'personal_access_token':
      return credential.token.reveal();
    default:
      return undefined;
  }
}

/** Sets `Authorization: Bearer …` from an OAuth2 or personal-access-token credential. */
export function signBearer(context: SignRequestContext): void {
  const token = bearerTokenOf(context.credential);
  if (token === undefined) {
    throw new AuthKitError('configuration_error', `A ${context.credential.kind} credential cannot be sent as a Bearer token.`, {
      providerId: context.connection.providerId,
    });
  }
  context.headers.set('Authorization', `Bearer ${token}`);
}

/**
 * `Retry-After` per RFC 9110: delay-seconds or an HTTP-date. Fractional seconds (iGUIDE sends
 * `0.52`) are accepted, since a strict integer parser would drop them.
 */
export function parseRetryAfterHeader(headers: Headers, now: number = Date.now()): number | undefined {
  const raw = headers.get('retry-after')?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, (date - now) / 1000);
}

/** Reads a string field of an unknown JSON body. */
export function stringField(body: unknown, field: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}

/** Extracts a scope name from a provider message like "requires scope iguide.ro". */
export function scopeMentioned(message: string | undefined): string | undefined {
  return message?.match(/scope[s]?\s*[:=]?\s*["'`]?([A-Za-z0-9_.:*-]+)/i)?.[1];
}

/**
 * Fallback mapping for providers whose error bodies follow RFC 6750 / RFC 6749 shapes or
 * carry only a `message`. Status decides the code; the body only adds wording.
 */
export function parseStandardError(status: number, body: unknown): ProviderErrorInfo | undefined {
  const message =
    stringField(body, 'error_description') ?? stringField(body, 'message') ?? stringField(body, 'error') ?? undefined;
  if (status === 401) return { code: 'unauthenticated', message: message ?? 'Unauthenticated' };
  if (status === 403) {
    const requiredScope = stringField(body, 'required_scope') ?? stringField(body, 'requiredScope') ?? scopeMentioned(message);
    return {
      code: 'permission_denied',
      message: message ?? 'Permission denied',
      ...(requiredScope === undefined ? {} : { requiredScope }),
    };
  }
  if (status === 429) return { code: 'rate_limited', message: message ?? 'Rate limited' };
  return undefined;
}

/**
 * Rejects pasted header values that would be silently mangled: surrounding whitespace, line
 * breaks, smart quotes or other non-ASCII characters (FACTS.md: users paste these).
 */
export function problemWithPastedValue(field: string, value: string): string | undefined {
  if (value.length === 0) return `the ${field} is empty`;
  if (value !== value.trim()) return `the ${field} has leading or trailing whitespace`;
  if (/[\u2018\u2019\u201C\u201D]/.test(value)) return `the ${field} contains smart quotes`;
  if (/[^\x21-\x7E]/.test(value)) return `the ${field} contains spaces, line breaks or non-ASCII characters`;
  return undefined;
}

/** Checks every string field of a pasted static credential. */
export function problemWithStaticCredential(input: StaticCredentialInput): string | undefined {
  switch (input.kind) {
    case 'api_token':
      return problemWithPastedValue('token id', input.tokenId) ?? problemWithPastedValue('token value', input.tokenValue);
    case 'api_key':
      return problemWithPastedValue('API key', input.key);
    case 'personal_access_token':
      return problemWithPastedValue('token', input.token);
  }
}

/** Joins a base URL and a relative path the way the providers' docs read: `{base}/{path}`. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
