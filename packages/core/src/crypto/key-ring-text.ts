import { AuthKitError } from '../errors';
import type { EncryptionKeyInput } from './key-ring';

/**
 * Parses the key ring's text form, as `AUTHKIT_ENCRYPTION_KEY` holds it for the CLI and the
 * demos: `id:base64urlKey` entries separated by commas, oldest first; the last one encrypts new
 * writes. A bare key without `id:` gets the id `k<position>` (`k1` for the first), the shorthand
 * for a single key. Ids may not contain `:` or `,`.
 *
 * Only the shape is checked here; {@link createKeyRing} checks each key's length and that ids
 * are unique. No error message contains a key. `source` names the value in messages.
 */
export function parseEncryptionKeys(value: string, source = 'AUTHKIT_ENCRYPTION_KEY'): EncryptionKeyInput[] {
  const invalid = (message: string) => new AuthKitError('configuration_error', message);
  const entries = value.split(',').map((entry) => entry.trim());
  if (entries.every((entry) => entry.length === 0)) throw invalid(`${source} is empty`);
  return entries.map((entry, index) => {
    if (entry.length === 0) throw invalid(`${source} has an empty entry at position ${index + 1}`);
    const colon = entry.indexOf(':');
    if (colon === -1) return { id: `k${index + 1}`, secret: entry };
    const id = entry.slice(0, colon).trim();
    if (id.length === 0) throw invalid(`${source} entry ${index + 1} has an empty key id before ':'`);
    return { id, secret: entry.slice(colon + 1).trim() };
  });
}
