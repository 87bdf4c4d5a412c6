// The one connection lookup: exact ids, labels, the owner's only connection, and one answer
// for "no connection".
import { describe, expect, it } from 'vitest';
import { createAuthKit, MemoryStore, providers } from '../src/index';
import { caught } from './helpers/sandbox';

const make = () => createAuthKit({ providers: [providers.apiKey({ id: 'keyed', baseUrl: 'https://api.keyed.test' })], store: new MemoryStore() });
const connect = (authkit: ReturnType<typeof make>, ownerId: string, label?: string) =>
  authkit.connectStatic({ providerId: 'keyed', ownerId, credential: { kind: 'api_key', key: `key-${ownerId}-${label}` }, ...(label === undefined ? {} : { label }) });

describe('requireConnection', () => {
  it('finds by label, and without one the owner\'s only connection (a pasted portal labelled portal-1)', async () => {
    const authkit = make();
    const portal = await connect(authkit, 'ann', 'portal-1');
    expect((await authkit.requireConnection({ providerId: 'keyed', ownerId: 'ann', label: 'portal-1' })).id).toBe(portal.id);
    expect((await authkit.requireConnection({ providerId: 'keyed', ownerId: 'ann' })).id).toBe(portal.id);
  });

  it('with several and no label, guesses none', async () => {
    const authkit = make();
    await connect(authkit, 'bob', 'portal-1');
    await connect(authkit, 'bob', 'portal-2');
    expect(await caught(authkit.requireConnection({ providerId: 'keyed', ownerId: 'bob' }))).toMatchObject({ code: 'connection_not_found' });
  });

  it('someone else\'s id answers exactly like a missing one', async () => {
    const authkit = make();
    const theirs = await connect(authkit, 'cy');
    const foreign = await caught(authkit.requireConnection({ providerId: 'keyed', ownerId: 'dee', connectionId: theirs.id }));
    const missing = await caught(authkit.requireConnection({ providerId: 'keyed', ownerId: 'dee', connectionId: 'keyed:nobody' }));
    expect({ code: foreign.code, providerId: foreign.providerId }).toEqual({ code: missing.code, providerId: missing.providerId });
    expect(foreign.code).toBe('connection_not_found');
  });

  it('without a signed-in owner (undefined, null or empty, as sessions give it): owner_required, never a lookup', async () => {
    const authkit = make();
    await connect(authkit, '');
    for (const ownerId of [undefined, null, '']) {
      expect(await caught(authkit.requireConnection({ providerId: 'keyed', ownerId }))).toMatchObject({
        code: 'owner_required',
        message: 'No signed-in owner for this request.',
        providerId: 'keyed',
      });
    }
  });
});
