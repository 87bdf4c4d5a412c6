import { AuthKitError } from '../errors';

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain', '']);

function refused(why: string): AuthKitError {
  return new AuthKitError('forbidden_origin', `Cross-site request refused: ${why}.`);
}

/**
 * CSRF check for state-changing requests, failing closed:
 * - `Sec-Fetch-Site: cross-site` (or `same-site`, a sibling subdomain) is refused;
 * - an `Origin` must equal the app's origin exactly (`null` included);
 * - without `Origin`, only a JSON body passes: a cross-site page cannot send one without a
 *   CORS preflight, which this surface never answers; a form body without `Origin` could come
 *   from anywhere, so it is refused.
 */
export function assertSameOrigin(request: Request, expectedOrigin: string): void {
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') throw refused(`Sec-Fetch-Site is ${site}`);
  const origin = request.headers.get('origin');
  if (origin !== null) {
    if (origin !== expectedOrigin) throw refused('the Origin is not this app');
    return;
  }
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (FORM_TYPES.has(type)) throw refused('a form without an Origin header');
}
