// Client secrets and cookie secrets are Secret objects: logging or serialising AuthKit, a
// provider or the connect handler never prints them.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createAuthKit, createConnectHandler, MemoryStore, providers } from '../src/index';

const CLIENT_SECRET = 'client-secret-value-0123456789';
const COOKIE_SECRET = 'cookie-secret-value-0123456789-abcdef';

describe('secrets in configuration', () => {
  it('util.inspect and JSON.stringify of AuthKit, its providers and the handler never show them', () => {
    const provider = providers.plannr({ clientId: 'c', clientSecret: CLIENT_SECRET, redirectUri: 'https://app.test/cb' });
    const generic = providers.oauth2({ id: 'acme', baseUrl: 'https://api.acme.test', tokenEndpoint: 'https://acme.test/token', clientId: 'c', clientSecret: CLIENT_SECRET });
    const authkit = createAuthKit({ providers: [provider, generic], store: new MemoryStore() });
    const handler = createConnectHandler(authkit, { cookieSecret: COOKIE_SECRET });
    const printed = [
      inspect(authkit, { depth: 10, showHidden: true }),
      inspect(provider, { depth: 10, showHidden: true }),
      inspect(handler, { depth: 10, showHidden: true }),
      JSON.stringify(provider),
      JSON.stringify(generic),
      JSON.stringify([...authkit.providers.values()]),
    ].join('\n');
    expect(printed).toContain('[redacted]');
    expect(printed).not.toContain(CLIENT_SECRET);
    expect(printed).not.toContain(COOKIE_SECRET);
    // The value is still there for the one place that sends it.
    expect(provider.oauth2?.clientSecret?.reveal()).toBe(CLIENT_SECRET);
  });
});
