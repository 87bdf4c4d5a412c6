import { FAVICON_SVG, FAVICON_TYPE } from '@authkit/demo-kit';

/** The demos' icon, so browsers log no 404 for it. */
export function GET(): Response {
  return new Response(FAVICON_SVG, { headers: { 'content-type': FAVICON_TYPE, 'cache-control': 'public, max-age=86400' } });
}
