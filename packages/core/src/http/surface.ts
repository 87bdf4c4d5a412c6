import type { AuthKit } from '../authkit-types';
import { AuthKitError } from '../errors';
import { ownerRequired } from '../flows/require-connection';
import type { ProviderDefinition } from '../providers/types';
import type { BodyFields } from './body';
import type { StateCookieSigner } from './state-cookie';

/** What every route of one connect handler shares, resolved once from its options. */
export interface Surface {
  readonly authkit: AuthKit;
  /** Mount path without a trailing slash, e.g. `/connections` (empty for the root). */
  readonly basePath: string;
  /** Public origin of the app, if configured (else each request's own origin is used). */
  readonly appOrigin: string | undefined;
  readonly defaultReturnTo: string;
  readonly signer: StateCookieSigner;
  readonly cookiePrefix: string;
  readonly cookieMaxAgeSeconds: number;
  readonly bodyLimitBytes: number;
}

/** One request as the routes see it. */
export interface Call {
  readonly request: Request;
  readonly url: URL;
  /** The app's origin for this request: `appUrl`'s, else the request's own. */
  readonly origin: string;
  readonly ownerId: string | undefined;
  /** A browser navigation (HTML wanted): errors come back as a redirect, not JSON. */
  readonly navigation: boolean;
  /** Where a navigation's error is sent (a vetted same-origin path), once known. */
  returnTo: string | undefined;
  /** Headers every answer to this request carries (e.g. clearing a spent state cookie). */
  readonly headers: Headers;
  /** The body's fields, once read. */
  fields?: BodyFields;
}

/** The signed-in owner, or `owner_required`. */
export function requireOwner(call: Call, providerId?: string): string {
  if (call.ownerId === undefined || call.ownerId === '') throw ownerRequired(providerId);
  return call.ownerId;
}

/** A configured provider, or `unknown_provider` (the id comes from the URL). */
export function requireProvider(surface: Surface, providerId: string): ProviderDefinition {
  const provider = surface.authkit.providers.get(providerId);
  if (provider === undefined) throw new AuthKitError('unknown_provider', 'No provider by that name is configured.');
  return provider;
}

/** True when the provider can be authorized in a browser (authorization code flow, endpoint known or discovered). */
export function supportsBrowserFlow(provider: ProviderDefinition): boolean {
  const oauth2 = provider.oauth2;
  return oauth2 !== undefined && (oauth2.authorizationEndpoint !== undefined || oauth2.discovery !== undefined) && oauth2.grants.includes('authorization_code');
}

/** A required string field of the body, or `invalid_request` naming it. */
export function requiredField(call: Call, name: string, providerId: string): string {
  const value = call.fields?.get(name);
  if (value === undefined || value === '') {
    throw new AuthKitError('invalid_request', `The field "${name}" is required.`, { providerId, detail: `the field "${name}" is required` });
  }
  return value;
}

/** An optional string field; empty counts as absent. */
export function optionalField(call: Call, name: string): string | undefined {
  const value = call.fields?.get(name);
  return value === undefined || value === '' ? undefined : value;
}

/** Scopes from a field, separated by spaces or commas. */
export function parseScopes(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const scopes = value.split(/[\s,]+/).filter((scope) => scope !== '');
  return scopes.length > 0 ? scopes : undefined;
}
