import { describe, expect, it } from 'vitest';
import { StateCookieSigner, readCookie } from '../src/state-cookie';

const SECRET = 'x'.repeat(32);

describe('StateCookieSigner', () => {
  const signer = new StateCookieSigner(SECRET);
  const now = 1_700_000_000_000;

  it('round-trips a state for its provider until it expires', () => {
    const cookie = signer.sign('plannr', 'abc_DEF-123', now + 60_000);
    expect(signer.verify('plannr', cookie, now)).toBe('abc_DEF-123');
    expect(signer.verify('plannr', cookie, now + 60_000)).toBeUndefined();
  });

  it('refuses a cookie for another provider, a tampered state or expiry, another key', () => {
    const cookie = signer.sign('plannr', 'state1', now + 60_000);
    const [state, expires, mac] = cookie.split('.') as [string, string, string];
    expect(signer.verify('planday', cookie, now)).toBeUndefined();
    expect(signer.verify('plannr', `state2.${expires}.${mac}`, now)).toBeUndefined();
    expect(signer.verify('plannr', `${state}.${Number(expires) + 1}.${mac}`, now)).toBeUndefined();
    expect(new StateCookieSigner('y'.repeat(32)).verify('plannr', cookie, now)).toBeUndefined();
    expect(signer.verify('plannr', 'garbage', now)).toBeUndefined();
    expect(signer.verify('plannr', undefined, now)).toBeUndefined();
  });

  it('rejects short secrets', () => {
    expect(() => new StateCookieSigner('short')).toThrow(/32 characters/);
  });
});

describe('readCookie', () => {
  it('finds one cookie among several', () => {
    expect(readCookie('a=1; authkit_state_plannr=v%2E1; b=2', 'authkit_state_plannr')).toBe('v.1');
    expect(readCookie('a=1', 'missing')).toBeUndefined();
    expect(readCookie(undefined, 'a')).toBeUndefined();
  });
});
