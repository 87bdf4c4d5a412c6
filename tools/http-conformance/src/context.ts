import { expect } from 'vitest';
import { Browser, type Answer } from './browser';
import type { ConformanceServer } from './types';
import type { World } from './world';

/** What every case group reads: the world, the server, and helpers. Set in `beforeAll`. */
export interface SuiteContext {
  world: World;
  server: ConformanceServer;
}

let counter = 0;

/** A fresh user per test, so stored connections never leak between cases. */
export function newUser(): string {
  return `user-${Date.now().toString(36)}-${++counter}`;
}

/** A browser on the app, signed in as a fresh user, as `owner`, or as nobody (`null`). */
export function browser(ctx: SuiteContext, owner: string | null = newUser()): Browser {
  return new Browser(ctx.server.url, owner ?? undefined);
}

/** A path under the adapter's mount path. */
export function at(ctx: SuiteContext, path: string): string {
  return `${ctx.server.basePath}${path}`;
}

/** Asserts an error answer: status, JSON body exactly, and the headers every error carries. */
export function expectError(answer: Answer, status: number, body: Record<string, unknown>): void {
  expect({ status: answer.status, body: answer.json() }).toEqual({ status, body });
  expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(answer.headers.get('cache-control')).toBe('no-store');
}

/** Asserts a redirect to exactly `location` (status 302 or 303). */
export function expectRedirect(answer: Answer, status: 302 | 303, location: string): void {
  expect({ status: answer.status, location: answer.headers.get('location') }).toEqual({ status, location });
}

/**
 * Runs the browser authorization of `providerId` up to the provider's redirect back (the sandbox
 * auto-approves) and returns the callback URL, without calling it.
 */
export async function authorize(ctx: SuiteContext, user: Browser, providerId: string, query = ''): Promise<string> {
  const start = await user.get(at(ctx, `/${providerId}/connect${query}`));
  expect(start.status, start.text).toBe(302);
  return providerRedirect(start);
}

/** Follows a 302 to the provider's authorize endpoint and returns where it sends the browser back. */
export async function providerRedirect(start: Answer): Promise<string> {
  const authorizeResponse = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const back = authorizeResponse.headers.get('location');
  if (back === null) throw new Error(`the provider answered ${authorizeResponse.status} without a redirect`);
  return back;
}

/** Connects `providerId` through the browser flow; returns the callback answer. */
export async function connectOAuth(ctx: SuiteContext, user: Browser, providerId: string, query = ''): Promise<Answer> {
  return user.get(await authorize(ctx, user, providerId, query));
}
