import { AuthKitError } from '../errors';

/** The fields of a form or JSON body, each at most once, all strings. */
export type BodyFields = ReadonlyMap<string, string>;

/** Default body limit: far more than any credential form needs. */
export const DEFAULT_BODY_LIMIT_BYTES = 16 * 1024;

function invalidBody(detail: string): AuthKitError {
  return new AuthKitError('invalid_request', `The request body is not usable: ${detail}.`, { detail });
}

function tooLarge(limit: number): AuthKitError {
  return new AuthKitError('payload_too_large', `The request body is larger than ${limit} bytes.`);
}

/** Reads at most `limit` bytes of the body; a larger body is refused without reading it all. */
async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (request.body === null) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidBody('it is not UTF-8 text');
  }
}

function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

function fromJson(text: string): BodyFields {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // The parser's message quotes the body, which may hold a pasted token: never pass it on.
    throw invalidBody('it must be a JSON object or a form');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidBody('it must be a JSON object or a form');
  const fields = new Map<string, string>();
  for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
    if (field === null || field === undefined) continue;
    if (typeof field === 'string') fields.set(name, field);
    else if (typeof field === 'number' || typeof field === 'boolean') fields.set(name, String(field));
    else throw invalidBody(`the field "${name.slice(0, 40)}" must be a string`);
  }
  return fields;
}

function fromForm(text: string): BodyFields {
  const fields = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (fields.has(name)) throw invalidBody(`the field "${name.slice(0, 40)}" appears more than once`);
    fields.set(name, value);
  }
  return fields;
}

/**
 * Parses a JSON object or an `application/x-www-form-urlencoded` body into string fields,
 * refusing other media types (415), bodies over `limit` (413), repeated form fields,
 * non-string JSON values and malformed input (400). Errors never carry the body.
 */
export async function readBodyFields(request: Request, limit: number): Promise<BodyFields> {
  const type = mediaType(request);
  const text = await readLimited(request, limit);
  if (text === '' && (type === '' || type === 'application/json' || type === 'application/x-www-form-urlencoded')) return new Map();
  if (type === 'application/json' || type.endsWith('+json')) return fromJson(text);
  if (type === 'application/x-www-form-urlencoded') return fromForm(text);
  throw new AuthKitError('unsupported_media_type', 'The request body must be JSON or a form.');
}
