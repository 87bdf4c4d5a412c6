/**
 * `@authkit/core/node`: Node-style request/response ⇄ Web `Request`/`Response`, shared by the
 * adapters for Node frameworks (Express, NestJS on Express). Structural types only — no Node
 * built-in is imported, so this entry also bundles for Bun and Deno's Node compatibility.
 */
export { toWebRequest } from './to-web-request';
export type { NodeRequestLike, ToWebRequestOptions } from './to-web-request';
export { sendWebResponse } from './send-web-response';
export type { NodeResponseLike } from './send-web-response';
export { bodyParserError, isSurfacePath } from './body-parser-error';
