import { describe, expect, it } from 'vitest';
import { EventLog, describeEvent } from './events';

describe('EventLog', () => {
  it('keeps the last few events of each connection, newest first, in words', () => {
    let now = 0;
    const log = new EventLog(3, () => ++now);
    log.record({ type: 'connection.created', providerId: 'plannr', connectionId: 'c1', ownerId: 'o' });
    log.record({ type: 'token.refreshed', providerId: 'plannr', connectionId: 'c1', rotated: true });
    log.record({ type: 'token.refresh_failed', providerId: 'plannr', connectionId: 'c1', transient: true, code: 'provider_unavailable', attempt: 1 });
    log.record({ type: 'connection.status_changed', providerId: 'plannr', connectionId: 'c1', ownerId: 'o', from: 'active', to: 'reauthorization_required', reason: 'invalid_grant' });
    log.record({ type: 'connection.created', providerId: 'planday', connectionId: 'c2', ownerId: 'o' });
    expect(log.recent('c1').map((e) => e.text)).toEqual([
      'status: active → reauthorization required (invalid_grant)',
      'refresh failed, will retry (provider_unavailable)',
      'access token refreshed (new refresh token)',
    ]);
    expect(log.recent('c1')[0]!.at).toBe(4);
    expect(log.recent('c2').map((e) => e.text)).toEqual(['connected']);
    expect(log.recent('nothing')).toEqual([]);
  });

  it('subscribes to every event type of an AuthKit and can be detached', () => {
    const listeners = new Map<string, (event: never) => void>();
    const log = new EventLog();
    const stop = log.attach({
      on: ((type: string, listener: (event: never) => void) => {
        listeners.set(type, listener);
        return () => listeners.delete(type);
      }) as never,
    });
    expect([...listeners.keys()]).toContain('connection.status_changed');
    expect([...listeners.keys()]).toContain('token.refreshed');
    stop();
    expect(listeners.size).toBe(0);
  });

  it('words an event without anything secret in it', () => {
    expect(describeEvent({ type: 'connection.revoked', providerId: 'p', connectionId: 'c', ownerId: 'o' })).toBe('revoked at the provider');
    expect(describeEvent({ type: 'refresh_token.expiring', providerId: 'p', connectionId: 'c', ownerId: 'o', expiresAt: Date.UTC(2027, 4, 1) })).toBe(
      'refresh token expires 2027-05-01 00:00 UTC',
    );
  });
});
