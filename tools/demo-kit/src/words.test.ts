import { describe, expect, it } from 'vitest';
import { USER_NAME_PATTERN, validUserName } from './user-name';
import { methodLabel, needsReconnect, relativeTime, statusWords } from './words';

describe('words', () => {
  it('names how each connection was made in words, never "oauth2"', () => {
    expect(methodLabel({ grant: 'authorization_code', credentialKind: 'oauth2' })).toBe('OAuth');
    expect(methodLabel({ grant: 'refresh_token_bootstrap', credentialKind: 'oauth2' })).toBe('pasted portal refresh token');
    expect(methodLabel({ grant: 'client_credentials', credentialKind: 'oauth2' })).toBe('client credentials');
    expect(methodLabel({ grant: 'static', credentialKind: 'api_token' })).toBe('API token');
    expect(methodLabel({ grant: 'static', credentialKind: 'personal_access_token' })).toBe('personal access token');
    expect(methodLabel({ grant: 'static', credentialKind: 'api_key' })).toBe('API key');
  });

  it('says statuses in words and offers a reconnect for the broken ones', () => {
    expect(statusWords('reauthorization_required')).toEqual({ text: 'reauthorization required', tone: 'bad' });
    expect(statusWords('invalid_credential').text).toBe('credential refused');
    expect(needsReconnect('active')).toBe(false);
    expect(needsReconnect('unverified')).toBe(false);
    expect(needsReconnect('invalid_credential')).toBe(true);
  });

  it('tells how far a time is', () => {
    const now = Date.UTC(2026, 10, 29, 12);
    expect(relativeTime(now + 59 * 60_000, now)).toBe('in 59 min');
    expect(relativeTime(now + 3 * 3_600_000, now)).toBe('in 3 h');
    expect(relativeTime(now + 180 * 86_400_000, now)).toBe('in 180 days');
    expect(relativeTime(now - 2 * 86_400_000, now)).toBe('2 days ago');
    expect(relativeTime(now + 10_000, now)).toBe('in less than a minute');
  });
});

describe('the sign-in name rule', () => {
  it('compiles under the `v` flag browsers use for `pattern`, and the server applies the same rule', () => {
    const browser = new RegExp(`^(?:${USER_NAME_PATTERN})$`, 'v');
    for (const name of ['Bob Smith', 'alice', 'a.b@c-d_e']) {
      expect(browser.test(name)).toBe(true);
      expect(validUserName(name)).toBe(name);
    }
    for (const name of ['<bob>', 'a/b', 'x'.repeat(65), '']) {
      expect(browser.test(name)).toBe(false);
      expect(validUserName(name)).toBeUndefined();
    }
    expect(validUserName('  Bob Smith ')).toBe('Bob Smith');
    expect(validUserName(42)).toBeUndefined();
  });
});
