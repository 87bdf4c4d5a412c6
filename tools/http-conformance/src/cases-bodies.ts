import { describe, expect, it } from 'vitest';
import { at, browser, expectError, type SuiteContext } from './context';

/** A value standing for a pasted token: it must never come back in an answer or a log. */
export const BODY_SECRET = 'pasted-secret-7f3a9c1e5b2d4680';

const NOT_USABLE = {
  code: 'invalid_request',
  message: 'The request cannot be used: it must be a JSON object or a form. Correct it and send it again.',
};

/** Bodies are parsed by the surface with a limit; errors never carry the body. */
export function bodyCases(ctx: SuiteContext): void {
  describe('bodies', () => {
    const post = (contentType: string, body: string) =>
      browser(ctx).send(at(ctx, '/plannr/credentials'), { method: 'POST', headers: { 'content-type': contentType, origin: ctx.server.url }, body });

    it('malformed JSON holding a pasted token → 400, the token nowhere in the answer', async () => {
      const answer = await post('application/json', `{"token": "${BODY_SECRET}`);
      expectError(answer, 400, NOT_USABLE);
      expect(answer.text).not.toContain(BODY_SECRET);
    });

    it('JSON that is not an object → 400', async () => {
      expectError(await post('application/json', `"${BODY_SECRET}"`), 400, NOT_USABLE);
      expectError(await post('application/json', `["${BODY_SECRET}"]`), 400, NOT_USABLE);
    });

    it('a field that is not a string → 400 naming it', async () => {
      expectError(await post('application/json', JSON.stringify({ token: { value: BODY_SECRET } })), 400, {
        code: 'invalid_request',
        message: 'The request cannot be used: the field "token" must be a string. Correct it and send it again.',
      });
    });

    it('a repeated form field → 400', async () => {
      expectError(await post('application/x-www-form-urlencoded', `token=${BODY_SECRET}&token=other`), 400, {
        code: 'invalid_request',
        message: 'The request cannot be used: the field "token" appears more than once. Correct it and send it again.',
      });
    });

    it('an oversized body → 413, whether or not a parser upstream read it', async () => {
      const expected = { code: 'payload_too_large', message: 'The request is too large. Send only the fields the form asks for.' };
      expectError(await post('application/json', JSON.stringify({ token: BODY_SECRET, pad: 'x'.repeat(64 * 1024) })), 413, expected);
      expectError(await post('application/json', JSON.stringify({ token: BODY_SECRET, pad: 'x'.repeat(300 * 1024) })), 413, expected);
      expectError(await post('application/x-www-form-urlencoded', `token=${BODY_SECRET}&pad=${'x'.repeat(64 * 1024)}`), 413, expected);
    });

    it('another media type → 415', async () => {
      expectError(await post('text/plain', BODY_SECRET), 415, {
        code: 'unsupported_media_type',
        message: 'Send the fields as JSON or as an HTML form (application/x-www-form-urlencoded).',
      });
    });
  });
}
