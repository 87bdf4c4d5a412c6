import { isAuthKitError, type AuthKit } from '@authkit/core';
import type { DemoCredentialBank } from './credential-bank';
import { isDemoCredentialKind } from './credentials';

/** The demo's own buttons beside the connect surface: "Refresh now", "Verify", "Mint a new demo credential". */
export type DemoAction = 'refresh' | 'verify' | 'mint';

export function isDemoAction(value: unknown): value is DemoAction {
  return value === 'refresh' || value === 'verify' || value === 'mint';
}

/** What a demo action needs: the form's fields, who asks, and where the form came from. */
export interface DemoActionInput {
  authkit: AuthKit;
  bank: DemoCredentialBank;
  /** The signed-in demo user, if any. */
  user: string | undefined;
  /** The action from the URL (`/demo/:action`), not yet checked. */
  action: string;
  /** The request's `Origin` header, and the app's own origin it must equal (as the surface's forms). */
  origin: string | undefined;
  appOrigin: string;
  /** `connection` (refresh, verify) or `kind` (mint). */
  field(name: string): string | undefined;
  /** Errors that are not AuthKit's (a bug, a sandbox that is down), for the server's log. */
  onError?(error: unknown): void;
}

/** Where the browser goes after an action: the dashboard, with the outcome in the same parameters the surface uses. */
function outcome(parameters: Record<string, string>): string {
  return `/?${new URLSearchParams(parameters).toString()}`;
}

/**
 * Runs a demo action and returns the path to redirect to (303, so a reload does not repeat
 * it). Success says `demo=refreshed|verified|minted`; failure `authkit_error=<code>`, which
 * the dashboard words with core's `describeOutcome`, like the surface's own answers.
 */
export async function runDemoAction(input: DemoActionInput): Promise<string> {
  const { authkit, user, action } = input;
  if (user === undefined || !isDemoAction(action)) return '/';
  // Like the surface's own forms: only from this app's pages, and said so when not.
  if (input.origin !== input.appOrigin) return outcome({ authkit_error: 'forbidden_origin' });
  if (action === 'mint') {
    const kind = input.field('kind');
    if (!isDemoCredentialKind(kind)) return outcome({ authkit_error: 'invalid_request' });
    try {
      await input.bank.renew(user, kind);
      return outcome({ demo: 'minted' });
    } catch (error) {
      input.onError?.(error);
      return outcome({ authkit_error: 'provider_unavailable' });
    }
  }
  // Only the signed-in user's own connection: the id comes from a form.
  const connection = await authkit.getConnection(input.field('connection') ?? '');
  if (connection === undefined || connection.ownerId !== user) return outcome({ authkit_error: 'connection_not_found' });
  const client = authkit.client(connection.providerId, connection.id);
  try {
    if (action === 'refresh') await client.refresh();
    else await client.verify();
    return outcome({ demo: action === 'refresh' ? 'refreshed' : 'verified', authkit_provider: connection.providerId });
  } catch (error) {
    if (!isAuthKitError(error)) input.onError?.(error);
    return outcome({ authkit_error: isAuthKitError(error) ? error.code : 'internal_error', authkit_provider: connection.providerId });
  }
}
