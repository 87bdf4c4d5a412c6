import { describe, expect, it } from 'vitest';
import { createAuthKit, defaultMemoryStore, providers } from '../src/index';

describe('the default store', () => {
  it('is one per process: AuthKits created apart (as Next.js loads a module twice) see the same connections', async () => {
    const make = () => createAuthKit({ providers: [providers.apiKey({ id: 'keyed', baseUrl: 'https://api.keyed.test' })] });
    const routeHandlers = make();
    const serverComponents = make();
    expect(routeHandlers.store).toBe(serverComponents.store);
    expect(routeHandlers.store).toBe(defaultMemoryStore());
    const connection = await routeHandlers.connectStatic({ providerId: 'keyed', ownerId: 'next-user', credential: { kind: 'api_key', key: 'k-1' } });
    expect((await serverComponents.getConnection(connection.id))?.ownerId).toBe('next-user');
  });
});
