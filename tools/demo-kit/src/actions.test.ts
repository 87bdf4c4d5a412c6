import { describe, expect, it } from 'vitest';
import { createAuthKit, MemoryStore } from '@authkit/core';
import { runDemoAction, type DemoActionInput } from './actions';
import type { DemoCredentialBank } from './credential-bank';

const APP = 'http://localhost:3001';
const base: DemoActionInput = {
  authkit: createAuthKit({ providers: [], store: new MemoryStore() }),
  // Never reached: every case below is refused before an action runs.
  bank: undefined as unknown as DemoCredentialBank,
  user: 'ada',
  action: 'refresh',
  origin: APP,
  appOrigin: APP,
  field: () => undefined,
};

describe('runDemoAction guards, the same in every demo', () => {
  it('sends a visitor who is not signed in, or an unknown action, back to the dashboard', async () => {
    expect(await runDemoAction({ ...base, user: undefined })).toBe('/');
    expect(await runDemoAction({ ...base, action: 'delete-everything' })).toBe('/');
  });

  it('refuses a form from another origin (or none) in words, as the surface does', async () => {
    for (const origin of ['https://evil.example', undefined, 'http://127.0.0.1:3001']) {
      expect(await runDemoAction({ ...base, origin })).toBe('/?authkit_error=forbidden_origin');
    }
  });

  it('from the app itself, runs the action (here: no such connection of this user)', async () => {
    expect(await runDemoAction({ ...base, field: () => 'plannr:someone-else' })).toBe('/?authkit_error=connection_not_found');
  });
});
