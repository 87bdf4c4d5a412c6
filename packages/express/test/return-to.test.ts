import { describe, expect, it } from 'vitest';
import { safeReturnTo } from '../src/return-to';

describe('safeReturnTo', () => {
  it('keeps same-origin paths with query and hash', () => {
    expect(safeReturnTo('/settings/connections?tab=planday#top')).toBe('/settings/connections?tab=planday#top');
    expect(safeReturnTo('/')).toBe('/');
  });

  it.each([
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'relative/path',
    '/\tevil',
    '/%0d%0aSet-Cookie:x', // stays a harmless path once normalised
    '',
  ])('refuses or neutralises %j', (value) => {
    const result = safeReturnTo(value);
    if (result !== undefined) {
      expect(result.startsWith('/')).toBe(true);
      expect(result.startsWith('//')).toBe(false);
      expect(new URL(result, 'http://app.test').origin).toBe('http://app.test');
    } else {
      expect(result).toBeUndefined();
    }
  });

  it('refuses absolute and protocol-relative URLs outright', () => {
    expect(safeReturnTo('https://evil.example/')).toBeUndefined();
    expect(safeReturnTo('//evil.example')).toBeUndefined();
    expect(safeReturnTo('/\\evil.example')).toBeUndefined();
    expect(safeReturnTo(['/a'])).toBeUndefined();
  });
});
