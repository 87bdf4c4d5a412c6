/**
 * The command line, as a function: parses arguments, starts a sandbox, mints demo credentials
 * and prints them. `cli.ts` adds the signal handling; tests call this directly.
 */
import { parseArgs } from 'node:util';
import { DEMO_CLIENTS } from './data';
import { startSandbox } from './sandbox';
import type { Sandbox } from './sandbox-types';
import { PROVIDER_IDS, type ProviderId } from './types';

const USAGE = `Usage: authkit-sandbox [--port 4010] [--host 127.0.0.1] [--auto-approve]
                       [--redirect-uri <provider>=<uri>]...

  --redirect-uri  adds an exact redirect URI to a demo client, e.g.
                  --redirect-uri plannr=http://localhost:3000/auth/plannr/callback
                  (providers: ${PROVIDER_IDS.join(', ')})

Runs a local emulator of iGUIDE Portal, Plannr, Planday and two generic OAuth2 APIs.
Admin API: http://HOST:PORT/__sandbox (see the @authkit/sandbox README).`;

/** Runs the CLI; resolves with the running sandbox, or `undefined` after `--help`. */
export async function runCli(args: readonly string[], print: (text: string) => void = console.log): Promise<Sandbox | undefined> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'auto-approve': { type: 'boolean', default: false },
      'redirect-uri': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    print(USAGE);
    return undefined;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  const redirects = values['redirect-uri'].map((pair) => {
    const eq = pair.indexOf('=');
    const provider = pair.slice(0, eq) as ProviderId;
    if (eq < 0 || !PROVIDER_IDS.includes(provider)) throw new Error(`--redirect-uri must be <provider>=<uri>, got ${pair}`);
    return { provider, uri: pair.slice(eq + 1) };
  });
  const sandbox = await startSandbox({ port, host: values.host, autoApprove: values['auto-approve'] });
  try {
    for (const { provider, uri } of redirects) sandbox.addRedirectUri(provider, DEMO_CLIENTS[provider].clientId, uri);
  } catch (error) {
    await sandbox.close();
    throw error;
  }

  const iguideToken = sandbox.iguide.createApiToken({ scopes: ['iguide.list', 'iguide.rw', 'credentials.manage'] });
  const portalRefresh = sandbox.planday.mintRefreshToken({ portalId: 'portal-1', clientId: DEMO_CLIENTS.planday.clientId });
  const pat = sandbox.plannr.createPersonalAccessToken();
  const oauth2Pat = sandbox.oauth2.createPersonalAccessToken();
  const apiKey = sandbox.clientCredentials.createApiKey();
  const e = sandbox.endpoints;

  // Demo credentials only: they exist in this process and die with it. Each provider's first
  // line is what its configuration takes (core's providers.<id>({ baseUrl, … })): request paths
  // are relative to baseUrl, and the OAuth endpoints follow.
  print(`AuthKit sandbox listening on ${sandbox.url} (auto-approve: ${sandbox.settings.autoApprove ? 'on' : 'off'})

iGUIDE Portal   baseUrl ${e.iguide.baseUrl}   (paths such as /iguides)
                authorize ${e.iguide.authorizationEndpoint}   token ${e.iguide.tokenEndpoint}
                OAuth client ${DEMO_CLIENTS.iguide.clientId} / ${DEMO_CLIENTS.iguide.clientSecret}
                API token  X-Plntr-App-Id: ${iguideToken.id}
                           X-Plntr-App-Token: ${iguideToken.token}
Plannr          baseUrl ${e.plannr.baseUrl}   (paths such as /api/v1/contacts; the OAuth endpoints default under it)
                authorize ${e.plannr.authorizationEndpoint}   token ${e.plannr.tokenEndpoint}
                OAuth client ${DEMO_CLIENTS.plannr.clientId} / ${DEMO_CLIENTS.plannr.clientSecret}
                personal access token ${pat.token}
Planday         baseUrl ${e.planday.baseUrl}   identityUrl ${e.planday.issuer}   (paths such as /hr/v1/Departments)
                authorize ${e.planday.authorizationEndpoint}   token ${e.planday.tokenEndpoint}
                client ${DEMO_CLIENTS.planday.clientId} (no secret)
                "Demo Portal" (portal-1) refresh token ${portalRefresh.refreshToken}
OAuth2 + PAT    baseUrl ${e.oauth2.baseUrl}   issuer ${e.oauth2.issuer}   (paths such as /v1/me)
                authorize ${e.oauth2.authorizationEndpoint}   token ${e.oauth2.tokenEndpoint}
                client ${DEMO_CLIENTS.oauth2.clientId} / ${DEMO_CLIENTS.oauth2.clientSecret}
                personal access token ${oauth2Pat.token}
Client creds    baseUrl ${e.clientCredentials.baseUrl}   token ${e.clientCredentials.tokenEndpoint}   (paths such as /v1/users)
                client ${DEMO_CLIENTS.clientCredentials.clientId} / ${DEMO_CLIENTS.clientCredentials.clientSecret}
                API key ${apiKey.key}

Redirect URIs: ${redirects.length > 0 ? redirects.map((r) => `${r.provider} ${r.uri}`).join(', ') : '(none yet)'}. Add more with
  curl -X POST ${e.admin}/clients/plannr/${DEMO_CLIENTS.plannr.clientId}/redirect-uris -H 'content-type: application/json' -d '{"uri":"http://localhost:3000/callback"}'
Press Ctrl+C to stop.`);

  return sandbox;
}
