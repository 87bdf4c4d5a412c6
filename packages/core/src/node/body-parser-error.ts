import { AuthKitError } from '../errors';

/**
 * The AuthKit error for a failure of a Node body parser (body-parser, `express.json()`,
 * NestJS's default) that ran before the surface, or undefined for any other error. Answered
 * like the surface's own, never with the parser's message, which quotes the body — on the
 * surface's routes, a pasted token.
 */
export function bodyParserError(err: unknown): AuthKitError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err) || typeof err.type !== 'string') return undefined;
  const type = err.type;
  if (type === 'entity.too.large') return new AuthKitError('payload_too_large', 'The request body is too large.');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new AuthKitError('unsupported_media_type', 'The request body must be JSON or a form.');
  }
  if (type.startsWith('entity.') || type.startsWith('request.') || type === 'stream.encoding.set') {
    return new AuthKitError('invalid_request', 'The request body is not usable.', { detail: 'it must be a JSON object or a form' });
  }
  return undefined;
}

/** True for the surface's base path and every path below it. */
export function isSurfacePath(path: string, basePath: string): boolean {
  return path === basePath || path.startsWith(`${basePath}/`);
}
