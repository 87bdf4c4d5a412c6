import { AuthKitError } from '@authkit/core';
import type { AuthKit, ConnectionView } from '@authkit/core';
import type { Account, AuthOptions, CallbacksOptions, Session } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import type { AuthKitConnectionRef, AuthKitSessionData } from './types';

type AuthKitForCallbacks = Pick<AuthKit, 'providers' | 'saveTokenResponse' | 'listConnections'>;
type JwtParams = Parameters<CallbacksOptions['jwt']>[0];
type SessionParams = Parameters<CallbacksOptions['session']>[0];

/** Fields of next-auth's `account` that hold secrets; none of them may reach the cookie. */
const TOKEN_FIELDS = ['access_token', 'refresh_token', 'id_token'] as const;

function refOf(view: ConnectionView): AuthKitConnectionRef {
  return {
    connectionId: view.id,
    providerId: view.providerId,
    status: view.status,
    ...(view.label === undefined ? {} : { label: view.label }),
  };
}

/**
 * Removes anything from the token that equals one of the account's secrets, whatever key an
 * application callback may have copied it under.
 */
function stripSecrets(token: JWT, account: Account | null): JWT {
  const secrets = new Set<string>();
  for (const field of TOKEN_FIELDS) {
    const value = account?.[field];
    if (typeof value === 'string' && value) secrets.add(value);
  }
  const clean: JWT = {};
  for (const [key, value] of Object.entries(token)) {
    if ((TOKEN_FIELDS as readonly string[]).includes(key) || key === 'accessToken' || key === 'refreshToken') continue;
    if (typeof value === 'string' && secrets.has(value)) continue;
    clean[key] = value;
  }
  return clean;
}

async function saveSignInTokens(authkit: AuthKitForCallbacks, account: Account, ownerId: string): Promise<void> {
  if (!account.access_token) {
    throw new AuthKitError('invalid_callback', `${account.provider} returned no access_token`, { providerId: account.provider });
  }
  const provider = authkit.providers.get(account.provider);
  await authkit.saveTokenResponse({
    providerId: account.provider,
    ownerId,
    tokens: {
      access_token: account.access_token,
      ...(account.token_type === undefined ? {} : { token_type: account.token_type }),
      ...(account.expires_at === undefined ? {} : { expires_at: account.expires_at }),
      ...(account.refresh_token === undefined ? {} : { refresh_token: account.refresh_token }),
      ...(account.scope === undefined ? {} : { scope: account.scope }),
    },
    ...(provider?.oauth2 ? { requestedScopes: [...(provider.oauth2.requiredScopes ?? []), ...provider.oauth2.defaultScopes] } : {}),
  });
}

type DebugLogger = NonNullable<NonNullable<AuthOptions['logger']>['debug']>;

/** Keys whose values are secrets in what next-auth's debug output prints (provider objects, tokens). */
const SECRET_KEY = /secret|token|verifier|password/i;

/** A copy of `value` with every string under a secret-named key blanked (depth-bounded, cycle-safe). */
function redactSecrets(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value !== 'object' || value === null || depth > 6 || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = typeof item === 'string' && SECRET_KEY.test(key) ? '[redacted]' : redactSecrets(item, depth + 1, seen);
  }
  // Cookies print as { name, value }: the PKCE verifier's value is a secret too.
  if (typeof copy.name === 'string' && SECRET_KEY.test(copy.name) && typeof copy.value === 'string') copy.value = '[redacted]';
  return copy;
}

/**
 * next-auth's `debug: true` prints each sign-in's provider object, whose `clientSecret` the
 * provider set must hand over in the clear: the same lines, to the app's logger or the console
 * as next-auth would, with secrets blanked.
 */
function redactedDebug(print: DebugLogger | undefined): DebugLogger {
  const out: DebugLogger = print ?? ((code, metadata) => console.log(`[next-auth][debug][${code}]`, metadata));
  return (code, metadata) => out(code, redactSecrets(metadata));
}

/** The `jwt` and `session` callbacks that keep provider tokens in AuthKit's store. */
export interface AuthKitCallbacks {
  jwt(params: JwtParams): Promise<JWT>;
  session(params: SessionParams): Promise<Session>;
}

/**
 * next-auth callbacks that move an OAuth sign-in's tokens into the AuthKit store (owner = the
 * next-auth user id) and keep only connection references and their status in the JWT. The
 * session gets `authkit` (owner and references) and `error: 'reauthorization_required'` when a
 * connection needs the user to reconnect. Refresh and rotation happen in AuthKit, never on
 * the cookie, so they cannot race on it.
 */
export function authkitCallbacks(authkit: AuthKitForCallbacks): AuthKitCallbacks {
  return {
    async jwt({ token, account, user }) {
      const ownerId = token.sub ?? user?.id;
      if (!ownerId) return stripSecrets(token, account);
      if (account?.type === 'oauth' && authkit.providers.has(account.provider)) {
        // A failed save must fail the sign-in: better no session than a session without its tokens.
        await saveSignInTokens(authkit, account, ownerId);
      }
      let data: AuthKitSessionData = token.authkit ?? { ownerId, connections: [] };
      try {
        data = { ownerId, connections: (await authkit.listConnections({ ownerId })).map(refOf) };
      } catch {
        // A store hiccup keeps the last known references rather than ending the session.
      }
      const clean = stripSecrets(token, account);
      clean.authkit = data;
      if (data.connections.some((c) => c.status === 'reauthorization_required')) clean.error = 'reauthorization_required';
      else delete clean.error;
      return clean;
    },
    async session({ session, token }) {
      const next: Session = { ...session };
      if (token?.authkit) next.authkit = token.authkit;
      if (token?.error) next.error = token.error;
      else delete next.error;
      if (next.user && token?.sub) next.user = { ...next.user, id: token.sub } as Session['user'];
      return next;
    },
  };
}

/**
 * Wraps next-auth options with {@link authkitCallbacks}: the application's own `jwt` callback
 * runs first (its result is still cleaned of tokens), its `session` callback last. Sessions
 * must use the JWT strategy; a database session would store the tokens in the adapter instead.
 */
export function withAuthKit(options: AuthOptions, authkit: AuthKitForCallbacks): AuthOptions {
  if (options.session?.strategy === 'database') {
    throw new AuthKitError('configuration_error', 'withAuthKit needs session.strategy "jwt": database sessions keep tokens in the adapter');
  }
  const ours = authkitCallbacks(authkit);
  const theirs = options.callbacks;
  return {
    ...options,
    ...(options.debug === true ? { logger: { ...options.logger, debug: redactedDebug(options.logger?.debug) } } : {}),
    session: { ...options.session, strategy: 'jwt' },
    callbacks: {
      ...theirs,
      async jwt(params) {
        const token = theirs?.jwt ? await theirs.jwt(params) : params.token;
        return ours.jwt({ ...params, token });
      },
      async session(params) {
        const session = await ours.session(params);
        return theirs?.session ? theirs.session({ ...params, session }) : session;
      },
    },
  };
}
