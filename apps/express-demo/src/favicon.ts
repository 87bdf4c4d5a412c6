import { FAVICON_SVG, FAVICON_TYPE } from '@authkit/demo-kit';
import type { RequestHandler } from 'express';

/** The demos' icon, so browsers log no 404 for it. */
export const favicon: RequestHandler = (_req, res) => {
  res.set('Cache-Control', 'public, max-age=86400').type(FAVICON_TYPE).send(FAVICON_SVG);
};
