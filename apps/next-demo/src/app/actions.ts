'use server';

import { isAuthKitError } from '@authkit/core';
import type { ConnectionView } from '@authkit/core';
import { redirect } from 'next/navigation';
import { getRuntime } from '@/lib/runtime';

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

function done(query: Record<string, string>): never {
  redirect(`/?${new URLSearchParams(query).toString()}`);
}

/** Runs a connect call for the signed-in user; the outcome is shown on the dashboard. */
async function connectWith(providerId: string, run: (ownerId: string) => Promise<ConnectionView>): Promise<never> {
  const runtime = await getRuntime();
  const ownerId = await runtime.next.getOwnerId();
  if (!ownerId) redirect('/api/auth/signin');
  let outcome: Record<string, string>;
  try {
    await run(ownerId);
    runtime.renewDemoCredentials();
    outcome = { authkit_connected: providerId };
  } catch (error) {
    // Codes only: an error message could name what the user pasted.
    outcome = { authkit_error: isAuthKitError(error) ? error.code : 'invalid_credential', provider: providerId };
  }
  done(outcome);
}

/** Planday: a portal's refresh token from its API Access page, exchanged at once. */
export async function connectPlandayRefreshToken(form: FormData): Promise<void> {
  const { authkit } = await getRuntime();
  await connectWith('planday', (ownerId) =>
    authkit.connectRefreshToken({ providerId: 'planday', ownerId, refreshToken: field(form, 'refreshToken'), label: 'portal' }),
  );
}

/** iGUIDE: an API token pair (token id + token value), verified with `POST /integrations/test`. */
export async function connectIguideApiToken(form: FormData): Promise<void> {
  const { authkit } = await getRuntime();
  await connectWith('iguide', (ownerId) =>
    authkit.connectStatic({
      providerId: 'iguide',
      ownerId,
      label: 'api-token',
      credential: { kind: 'api_token', tokenId: field(form, 'tokenId'), tokenValue: field(form, 'tokenValue') },
    }),
  );
}

/** Plannr: a personal access token. */
export async function connectPlannrPat(form: FormData): Promise<void> {
  const { authkit } = await getRuntime();
  await connectWith('plannr', (ownerId) =>
    authkit.connectStatic({ providerId: 'plannr', ownerId, label: 'pat', credential: { kind: 'personal_access_token', token: field(form, 'token') } }),
  );
}

/** Legacy API: an API key sent as `X-API-Key`. */
export async function connectApiKey(form: FormData): Promise<void> {
  const { authkit } = await getRuntime();
  await connectWith('apikey', (ownerId) =>
    authkit.connectStatic({ providerId: 'apikey', ownerId, credential: { kind: 'api_key', key: field(form, 'key') } }),
  );
}

/** Server API: client credentials grant (the app's own client id and secret). */
export async function connectClientCredentials(): Promise<void> {
  const { authkit } = await getRuntime();
  await connectWith('server-api', (ownerId) => authkit.connectClientCredentials({ providerId: 'server-api', ownerId }));
}

/** Removes one of the signed-in user's connections (revoking it at the provider where possible). */
export async function disconnect(form: FormData): Promise<void> {
  const { authkit, next } = await getRuntime();
  const ownerId = await next.getOwnerId();
  const connection = ownerId ? await authkit.getConnection(field(form, 'connectionId')) : undefined;
  // Only the owner's own connections: a form field is user input.
  if (!connection || connection.ownerId !== ownerId) done({ authkit_error: 'connection_not_found' });
  try {
    await authkit.disconnect(connection.id, { revoke: true });
  } catch (error) {
    done({ authkit_error: isAuthKitError(error) ? error.code : 'provider_unavailable', provider: connection.providerId });
  }
  done({ authkit_disconnected: connection.providerId });
}
